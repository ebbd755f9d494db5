// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_SANDBOXES_DAYTONA_EXECUTE_PARSER_HPP
#define AGENT_BACKENDS_SRC_SANDBOXES_DAYTONA_EXECUTE_PARSER_HPP

// The answer of the toolbox's `POST /process/execute`, `{"exitCode": 0, "result": "<output>"}`, read as it
// arrives: the output text goes to a sink piece by piece (already unescaped), so a command that printed
// gigabytes costs no more memory than the sink keeps.

#include <agent_backends/detail/output_sink.hpp>

#include <boost/system/error_code.hpp>

#include <memory>
#include <optional>
#include <string_view>

namespace agent_backends::detail {

class daytona_execute_parser
{
public:
    /// `sink` receives the `result` text; it must outlive the parser.
    explicit daytona_execute_parser(output_sink& sink);
    ~daytona_execute_parser();
    daytona_execute_parser(const daytona_execute_parser&) = delete;
    daytona_execute_parser& operator=(const daytona_execute_parser&) = delete;

    /// Feeds the next bytes of the body; fails on malformed JSON.
    boost::system::error_code feed(std::string_view bytes);

    /// Ends the body; fails when the document is incomplete, is not an object, or lacks `exitCode`.
    boost::system::error_code finish();

    /// The `exitCode` read (once \ref finish succeeded).
    std::optional<int> exit_code() const noexcept;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace agent_backends::detail

#endif
