// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_HTTP_RESPONSE_DECODER_HPP
#define AGENT_BACKENDS_SRC_HTTP_RESPONSE_DECODER_HPP

#include <agent_backends/http/http_response.hpp>

#include <boost/system/error_code.hpp>
#include <boost/system/result.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>

namespace agent_backends::detail {

/// Why a response could not be decoded.
enum class decode_failure
{
    closed_before_response,  ///< The peer closed before sending a single byte.
    truncated,               ///< The peer closed in the middle of the response.
    header_too_large,        ///< The header block exceeds its limit.
    malformed,               ///< Bytes that are not HTTP/1.x (bad status line, bad chunk, ...).
};

/// True for an error of \ref response_decoder (as opposed to an I/O error).
bool is_decode_error(const boost::system::error_code& ec) noexcept;

/// Classifies an error returned by \ref response_decoder.
decode_failure classify(const boost::system::error_code& ec) noexcept;

/// Decodes one HTTP/1.x response from bytes fed to it (sans-io): header first, then the body, chunked
/// framing removed, into buffers the caller provides. Informational responses (100 Continue) are skipped;
/// a 101 ends the message after its header.
class response_decoder
{
public:
    /// `head_request`: the response to a HEAD has no body whatever its Content-Length says.
    response_decoder(std::size_t max_header_bytes, bool head_request);
    ~response_decoder();
    response_decoder(response_decoder&&) noexcept;
    response_decoder& operator=(response_decoder&&) noexcept;

    /// Where the next bytes read from the peer go; pass how many arrived to \ref commit.
    std::span<char> input_space();
    void commit(std::size_t n);

    /// The peer closed its side: completes a body that runs to the end of the stream, fails otherwise.
    boost::system::error_code finish_input();

    /// True once any byte arrived.
    bool received_any() const noexcept { return received_any_; }

    /// True when the peer closed its side.
    bool input_finished() const noexcept { return input_finished_; }

    /// Parses what arrived: true when the header is complete, false when more bytes are needed.
    boost::system::result<bool> parse_header();

    /// Status, reason and fields (valid once the header is complete); `body` stays empty.
    const http_response& head() const noexcept { return head_; }

    /// Content-Length of the body, if announced.
    std::optional<std::uint64_t> content_length() const;

    /// Decodes body bytes into `out`; returns how many. 0 with `!done()` means more input is needed.
    boost::system::result<std::size_t> parse_body(std::span<char> out);

    /// True when the whole message has been decoded.
    bool done() const;

    /// True when the connection may carry another request: the message is done, the server allows
    /// keep-alive and it did not delimit the body by closing.
    bool reusable() const;

    /// Bytes received past what the parser consumed (an upgraded stream's first bytes), removed.
    std::string take_unparsed();

private:
    struct impl;
    std::unique_ptr<impl> impl_;
    http_response head_;
    bool received_any_{false};
    bool input_finished_{false};
};

}  // namespace agent_backends::detail

#endif
