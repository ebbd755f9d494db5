// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_MCP_LINE_FRAMER_HPP
#define AGENT_BACKENDS_SRC_MCP_LINE_FRAMER_HPP

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace agent_backends::detail {

/// One unit of newline-delimited input.
struct framed_line
{
    std::string text;      ///< The line without its `\n` or `\r\n`; empty when `too_long`.
    bool too_long{false};  ///< The line exceeded the limit; its bytes were dropped up to its newline.

    bool operator==(const framed_line&) const = default;
};

/// Splits a byte stream into lines (sans-io: fed bytes, returns lines). Blank lines are dropped; a line
/// longer than the limit is reported once and skipped to its newline without being kept in memory.
class line_framer
{
public:
    explicit line_framer(std::size_t max_line_bytes) : max_(max_line_bytes) {}

    /// The lines completed by `bytes`.
    std::vector<framed_line> feed(std::string_view bytes);

    /// At end of input: the last line when it had no newline.
    std::vector<framed_line> finish();

private:
    void complete(std::vector<framed_line>& out);

    std::size_t max_;
    std::string partial_;
    bool skipping_{false};
};

}  // namespace agent_backends::detail

#endif
