// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_COMMON_FAKE_FAULT_HPP
#define AGENT_BACKENDS_TEST_FAKES_COMMON_FAKE_FAULT_HPP

// The misbehaviours every fake server can act out on demand.

#include <cstddef>
#include <string>

namespace agent_backends::test {

/// \brief How a request hit by a \ref fake_fault is answered instead of normally.
enum class fake_fault_kind
{
    error_status,            ///< `status` with the service's own error body carrying `message`.
    invalid_json,            ///< The route's normal status and headers with a body that is not JSON.
    stall,                   ///< The request is read and never answered; the connection stays open.
    drop_connection,         ///< The connection is closed without an answer; on a streaming endpoint
                             ///< (exec), inside the first output frame (its payload cut short).
    malformed_status_line,   ///< `HTTP/1.1 two-hundred OK`, then the connection is closed.
    truncated_chunked_body,  ///< A chunked `200` whose body ends inside a chunk, then the connection is
                             ///< closed.
    malformed_frame_header,  ///< On a streaming endpoint (Docker's exec start, Kubernetes' exec WebSocket):
                             ///< the switch, then a frame that breaks the stream's framing, then the
                             ///< connection is closed. Elsewhere as `invalid_json`.
};

/// \brief A misbehaviour armed on the requests matching a method and a path.
///
/// \details Paths are matched without the query (and, for Docker, without the `/vX.Y` prefix); a `*`
/// segment matches one path segment, a `**` segment any number of them (`/containers/*/start`, `/images/**/json`). Faults are
/// checked in the order they were added; the first one matching a request decides it. Like Beast's
/// `fail_count`, `skip` matching requests are answered normally first; then `times` of them fail.
struct fake_fault
{
    static constexpr std::size_t always = static_cast<std::size_t>(-1);  ///< `times`: every match.

    std::string method{};  ///< `GET`, `POST`, ...; empty: any.
    std::string path{};    ///< Path pattern as above; empty: any.
    fake_fault_kind kind{fake_fault_kind::error_status};
    unsigned status{500};                        ///< For `error_status`.
    std::string message{"fake engine failure"};  ///< For `error_status`.
    std::size_t times{1};                        ///< Matching requests that fail; `always` for all.
    std::size_t skip{0};                         ///< Matching requests answered normally before.
};

}  // namespace agent_backends::test

#endif
