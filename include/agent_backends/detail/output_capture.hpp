// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_DETAIL_OUTPUT_CAPTURE_HPP
#define AGENT_BACKENDS_DETAIL_OUTPUT_CAPTURE_HPP

#include <agent_backends/detail/output_sink.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace agent_backends::detail {

/// \brief Keeps a command's output within a byte budget: the first half of the budget and the last half.
///
/// \details Fed any amount of bytes; memory stays below twice the budget. Past the budget the head and
/// the tail are joined by a line `... [N bytes omitted] ...`; neither side is cut inside a UTF-8
/// sequence (the bytes trimmed for that count as omitted).
class output_capture final : public output_sink
{
public:
    explicit output_capture(std::size_t max_bytes);

    void append(std::string_view bytes) override;

    /// Bytes appended so far.
    std::uint64_t total_bytes() const noexcept { return total_; }

    /// True once more than the budget was appended.
    bool truncated() const noexcept { return total_ > head_limit_ + tail_limit_; }

    /// The kept output (whole, or head + omission line + tail). Leaves the capture empty.
    std::string take();

private:
    std::size_t head_limit_;
    std::size_t tail_limit_;
    std::uint64_t total_{0};
    std::string head_;
    std::string tail_;  // may grow to twice tail_limit_ before its front is dropped (amortised)
};

}  // namespace agent_backends::detail

#endif
