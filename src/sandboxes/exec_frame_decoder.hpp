// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_SANDBOXES_EXEC_FRAME_DECODER_HPP
#define AGENT_BACKENDS_SRC_SANDBOXES_EXEC_FRAME_DECODER_HPP

// The multiplexed stream of an attached exec without a TTY: frames of an 8-byte header (stream type,
// three zero bytes, big-endian payload length) and the payload. Frames split and merge arbitrarily across
// reads, so the decoder is fed whatever arrived and hands back payload pieces as they become available.

#include <agent_backends/sandboxes/docker_types.hpp>

#include <boost/system/error_code.hpp>
#include <boost/system/result.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace agent_backends::detail {

class exec_frame_decoder
{
public:
    /// Payload bytes of one stream; a frame split across inputs comes back as several pieces.
    struct piece
    {
        exec_stream_kind stream;
        std::string_view data;  ///< Points into the input given to \ref next.
    };

    /// Consumes bytes from the front of `input` and returns the next non-empty payload piece found in it,
    /// or an empty optional once `input` is used up. A header that is not a frame header (unknown stream
    /// type, non-zero padding) is `errc::protocol_error`; the decoder then stays failed.
    boost::system::result<std::optional<piece>> next(std::string_view& input);

    /// True when the bytes so far end inside a frame (header or payload): the stream must not end here.
    bool inside_frame() const noexcept { return header_filled_ > 0 || payload_left_ > 0; }

private:
    std::array<unsigned char, 8> header_{};
    std::size_t header_filled_{0};
    std::uint32_t payload_left_{0};
    exec_stream_kind stream_{exec_stream_kind::stdout_stream};
    bool failed_{false};
};

}  // namespace agent_backends::detail

#endif
