// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "sandboxes/exec_frame_decoder.hpp"

#include "common/printers.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

using namespace agent_backends;
using detail::exec_frame_decoder;

namespace {

std::string frame(std::uint8_t type, std::string_view payload)
{
    std::string f{static_cast<char>(type), 0, 0, 0};
    auto n = static_cast<std::uint32_t>(payload.size());
    f.push_back(static_cast<char>(n >> 24));
    f.push_back(static_cast<char>(n >> 16));
    f.push_back(static_cast<char>(n >> 8));
    f.push_back(static_cast<char>(n));
    return f + std::string(payload);
}

struct collected
{
    std::string out;
    std::string err;
    std::string system;
    std::vector<exec_stream_kind> order;  // stream of each piece, in order
    bool failed{false};
};

// Feeds `bytes` in chunks of `chunk` bytes and gathers the pieces.
collected feed(exec_frame_decoder& d, std::string_view bytes, std::size_t chunk)
{
    collected c;
    while (!bytes.empty())
    {
        auto input = bytes.substr(0, chunk);
        bytes.remove_prefix(input.size());
        for (;;)
        {
            auto r = d.next(input);
            if (!r)
            {
                BOOST_TEST((r.error() == make_error_code(errc::protocol_error)));
                c.failed = true;
                return c;
            }
            if (!*r)
                break;
            BOOST_TEST(!(*r)->data.empty());
            c.order.push_back((*r)->stream);
            switch ((*r)->stream)
            {
                case exec_stream_kind::stdout_stream:
                    c.out += (*r)->data;
                    break;
                case exec_stream_kind::stderr_stream:
                    c.err += (*r)->data;
                    break;
                case exec_stream_kind::system_error:
                    c.system += (*r)->data;
                    break;
            }
        }
        BOOST_TEST(input.empty());
    }
    return c;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(exec_frame_decoding)

BOOST_AUTO_TEST_CASE(byte_by_byte_feeding_yields_the_same_payloads)
{
    std::string stream = frame(1, "hello ") + frame(2, "oops\n") + frame(1, "world\n");
    exec_frame_decoder d;
    auto c = feed(d, stream, 1);
    BOOST_TEST(!c.failed);
    BOOST_TEST(c.out == "hello world\n");
    BOOST_TEST(c.err == "oops\n");
    BOOST_TEST(!d.inside_frame());
}

BOOST_AUTO_TEST_CASE(merged_frames_in_one_input_come_out_in_order)
{
    std::string stream = frame(1, "a") + frame(2, "b") + frame(1, "c") + frame(2, "d");
    exec_frame_decoder d;
    auto c = feed(d, stream, stream.size());
    BOOST_TEST(c.out == "ac");
    BOOST_TEST(c.err == "bd");
    std::vector<exec_stream_kind> expected{exec_stream_kind::stdout_stream, exec_stream_kind::stderr_stream,
                                           exec_stream_kind::stdout_stream, exec_stream_kind::stderr_stream};
    BOOST_TEST((c.order == expected));
}

BOOST_AUTO_TEST_CASE(frames_split_at_every_chunk_size_decode_alike)
{
    std::string big(100'000, 'x');
    for (std::size_t i = 0; i < big.size(); ++i)
        big[i] = static_cast<char>('a' + i % 26);
    std::string stream = frame(1, big) + frame(2, "err") + frame(1, "tail");
    for (std::size_t chunk : {1u, 3u, 7u, 8u, 9u, 4096u, 65536u})
    {
        exec_frame_decoder d;
        auto c = feed(d, stream, chunk);
        BOOST_TEST(c.out == big + "tail", "chunk " << chunk);
        BOOST_TEST(c.err == "err", "chunk " << chunk);
    }
}

BOOST_AUTO_TEST_CASE(zero_length_frames_yield_nothing)
{
    std::string stream = frame(1, "") + frame(2, "") + frame(1, "x") + frame(1, "");
    exec_frame_decoder d;
    auto c = feed(d, stream, 5);
    BOOST_TEST(!c.failed);
    BOOST_TEST(c.out == "x");
    BOOST_TEST(c.order.size() == 1u);
    BOOST_TEST(!d.inside_frame());
}

BOOST_AUTO_TEST_CASE(type_0_frames_count_as_stdout_and_type_3_as_system_error)
{
    exec_frame_decoder d;
    auto c = feed(d, frame(0, "echo") + frame(3, "engine says no"), 64);
    BOOST_TEST(c.out == "echo");
    BOOST_TEST(c.system == "engine says no");
}

BOOST_AUTO_TEST_CASE(bad_stream_type_is_a_protocol_error_and_stays_one)
{
    exec_frame_decoder d;
    auto c = feed(d, frame(1, "ok") + frame(4, "bad"), 64);
    BOOST_TEST(c.out == "ok");
    BOOST_TEST(c.failed);
    std::string good = frame(1, "x");
    std::string_view more = good;
    BOOST_TEST(!d.next(more).has_value());
}

BOOST_AUTO_TEST_CASE(non_zero_padding_bytes_are_a_protocol_error)
{
    exec_frame_decoder d;
    std::string bad = frame(1, "x");
    bad[2] = 1;
    BOOST_TEST(feed(d, bad, bad.size()).failed);
}

BOOST_AUTO_TEST_CASE(plain_text_instead_of_frames_is_a_protocol_error)
{
    exec_frame_decoder d;
    BOOST_TEST(feed(d, "OCI runtime exec failed: executable file not found\r\n", 64).failed);
}

BOOST_AUTO_TEST_CASE(end_inside_a_header_or_payload_is_visible)
{
    exec_frame_decoder d;
    std::string f = frame(1, "payload");
    feed(d, f.substr(0, 4), 4);
    BOOST_TEST(d.inside_frame());
    exec_frame_decoder e;
    feed(e, f.substr(0, 10), 10);
    BOOST_TEST(e.inside_frame());
    feed(e, f.substr(10), 64);
    BOOST_TEST(!e.inside_frame());
}

BOOST_AUTO_TEST_SUITE_END()
