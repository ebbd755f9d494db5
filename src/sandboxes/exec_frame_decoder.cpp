// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "sandboxes/exec_frame_decoder.hpp"

#include <agent_backends/error.hpp>

#include <algorithm>
#include <cstring>

namespace agent_backends::detail {

boost::system::result<std::optional<exec_frame_decoder::piece>> exec_frame_decoder::next(
    std::string_view& input)
{
    if (failed_)
        return make_error_code(errc::protocol_error);
    while (!input.empty())
    {
        if (payload_left_ > 0)
        {
            std::size_t n = std::min<std::size_t>(payload_left_, input.size());
            piece p{stream_, input.substr(0, n)};
            input.remove_prefix(n);
            payload_left_ -= static_cast<std::uint32_t>(n);
            return std::optional<piece>(p);
        }
        std::size_t n = std::min(header_.size() - header_filled_, input.size());
        std::memcpy(header_.data() + header_filled_, input.data(), n);
        header_filled_ += n;
        input.remove_prefix(n);
        if (header_filled_ < header_.size())
            break;
        header_filled_ = 0;
        if (header_[0] > 3 || header_[1] != 0 || header_[2] != 0 || header_[3] != 0)
        {
            failed_ = true;
            return make_error_code(errc::protocol_error);
        }
        // Type 0 is stdin, which the engine only ever sends back as output: treat it as stdout.
        stream_ =
            header_[0] == 0 ? exec_stream_kind::stdout_stream : static_cast<exec_stream_kind>(header_[0]);
        payload_left_ = (std::uint32_t{header_[4]} << 24) | (std::uint32_t{header_[5]} << 16) |
                        (std::uint32_t{header_[6]} << 8) | std::uint32_t{header_[7]};
    }
    return std::optional<piece>();
}

}  // namespace agent_backends::detail
