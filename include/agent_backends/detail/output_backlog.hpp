// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_DETAIL_OUTPUT_BACKLOG_HPP
#define AGENT_BACKENDS_DETAIL_OUTPUT_BACKLOG_HPP

#include <agent_backends/detail/output_sink.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace agent_backends::detail {

/// \brief Output a background job produced and nobody has read yet, at most `max_bytes` of it.
///
/// \details When the job writes faster than it is read, the oldest bytes are dropped (never leaving a
/// partial UTF-8 sequence at the front) and the next \ref take reports it.
class output_backlog final : public output_sink
{
public:
    explicit output_backlog(std::size_t max_bytes);

    void append(std::string_view bytes) override;

    struct taken
    {
        std::string output;
        bool truncated{false};  ///< Bytes were dropped since the previous take.
    };

    /// Everything kept since the previous take; empties the backlog.
    taken take();

    std::size_t size() const noexcept { return buffer_.size() - start_; }

    /// True when nothing was appended yet or the last byte appended (taken or not) ends a line.
    bool at_line_start() const noexcept { return at_line_start_; }

private:
    void drop_front(std::size_t n);

    std::size_t max_bytes_;
    std::string buffer_;
    std::size_t start_{0};  // bytes before start_ are dropped; compacted lazily
    bool dropped_{false};
    bool at_line_start_{true};
};

}  // namespace agent_backends::detail

#endif
