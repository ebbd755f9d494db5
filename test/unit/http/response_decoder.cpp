// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// The response decoder is sans-io: these tests feed it bytes directly, in pieces of every size.
#include "http/response_decoder.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstring>
#include <string>

using namespace agent_backends;
using namespace agent_backends::detail;

namespace agent_backends::detail {
inline std::ostream& operator<<(std::ostream& os, decode_failure f)
{
    return os << static_cast<int>(f);
}
}  // namespace agent_backends::detail

namespace {

void feed(response_decoder& d, std::string_view bytes)
{
    while (!bytes.empty())
    {
        auto space = d.input_space();
        auto n = std::min(space.size(), bytes.size());
        std::memcpy(space.data(), bytes.data(), n);
        d.commit(n);
        bytes.remove_prefix(n);
    }
}

struct decoded
{
    unsigned status{0};
    std::string body;
    bool done{false};
    bool reusable{false};
    std::string leftover;
    boost::system::error_code error;
};

// Feeds `wire` in pieces of `step` bytes, decoding the body into buffers of `out_size` bytes.
decoded decode(std::string_view wire, std::size_t step, std::size_t out_size = 5, bool close_at_end = false)
{
    response_decoder d(1024, false);
    decoded r;
    bool header = false;
    std::string out(out_size, '\0');
    auto pump = [&] {
        if (!header)
        {
            auto h = d.parse_header();
            if (h.has_error())
            {
                r.error = h.error();
                return false;
            }
            header = *h;
            if (!header)
                return true;
            r.status = d.head().status;
        }
        for (;;)
        {
            auto b = d.parse_body(out);
            if (b.has_error())
            {
                r.error = b.error();
                return false;
            }
            r.body.append(out.data(), *b);
            if (*b == 0)
                return true;
        }
    };
    for (std::size_t pos = 0; pos < wire.size(); pos += step)
    {
        feed(d, wire.substr(pos, step));
        if (!pump())
            return r;
    }
    if (close_at_end)
    {
        if (auto ec = d.finish_input())
        {
            r.error = ec;
            return r;
        }
        pump();
    }
    r.done = d.done();
    r.reusable = d.reusable();
    r.leftover = d.take_unparsed();
    return r;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(response_decoder_bytes)

BOOST_AUTO_TEST_CASE(chunked_body_decodes_identically_whatever_the_piece_sizes)
{
    std::string wire =
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        "4\r\nWiki\r\n6;name=value\r\npedia \r\nE\r\nin \r\n\r\nchunks.\r\n0\r\nTrailer: x\r\n\r\n";
    for (std::size_t step : {1u, 2u, 3u, 7u, 64u, 4096u})
        for (std::size_t out : {1u, 3u, 100u})
        {
            auto r = decode(wire, step, out);
            BOOST_TEST(!r.error, r.error.message());
            BOOST_TEST(r.status == 200u);
            BOOST_TEST(r.body == "Wikipedia in \r\n\r\nchunks.");
            BOOST_TEST(r.done);
            BOOST_TEST(r.reusable);
        }
}

BOOST_AUTO_TEST_CASE(bytes_behind_a_101_header_are_left_for_the_upgraded_stream)
{
    const std::string frame("\x01\x00\x00\x00\x00\x00\x00\x02hi", 10);
    auto r = decode("HTTP/1.1 101 UPGRADED\r\nUpgrade: tcp\r\n\r\n" + frame, 4096);
    BOOST_TEST(r.status == 101u);
    BOOST_TEST(r.done);
    BOOST_TEST(!r.reusable);
    BOOST_TEST(r.leftover == frame);
}

BOOST_AUTO_TEST_CASE(body_without_length_ends_at_the_end_of_input)
{
    auto open = decode("HTTP/1.1 200 OK\r\n\r\nraw stream", 3);
    BOOST_TEST(!open.done);
    auto closed = decode("HTTP/1.1 200 OK\r\n\r\nraw stream", 3, 5, true);
    BOOST_TEST(!closed.error);
    BOOST_TEST(closed.done);
    BOOST_TEST(closed.body == "raw stream");
    BOOST_TEST(!closed.reusable);
}

BOOST_AUTO_TEST_CASE(end_of_input_is_classified_by_how_much_arrived)
{
    response_decoder nothing(1024, false);
    BOOST_TEST(classify(nothing.finish_input()) == decode_failure::closed_before_response);

    auto partial = decode("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", 4096, 5, true);
    BOOST_TEST(classify(partial.error) == decode_failure::truncated);
    BOOST_TEST(is_decode_error(partial.error));
}

BOOST_AUTO_TEST_CASE(header_over_the_limit_and_garbage_are_errors)
{
    auto big = decode("HTTP/1.1 200 OK\r\nX: " + std::string(2000, 'a') + "\r\n\r\n", 100);
    BOOST_TEST(classify(big.error) == decode_failure::header_too_large);
    auto garbage = decode("SSH-2.0-OpenSSH\r\n\r\n", 4096);
    BOOST_TEST(classify(garbage.error) == decode_failure::malformed);
}

BOOST_AUTO_TEST_CASE(connection_close_response_is_not_reusable)
{
    auto r = decode("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok", 4096);
    BOOST_TEST(r.done);
    BOOST_TEST(!r.reusable);
    auto old = decode("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", 4096);
    BOOST_TEST(!old.reusable);
}

BOOST_AUTO_TEST_SUITE_END()
