// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_SANDBOXES_DOCKER_ENGINE_CORE_HPP
#define AGENT_BACKENDS_SRC_SANDBOXES_DOCKER_ENGINE_CORE_HPP

// What every engine request shares: the HTTP client, the API version prefix (negotiated once from
// `/_ping`), the rewording of "cannot connect" for a container engine, and the mapping of an engine's
// refusal (status + JSON `message`) to an `error`.

#include <agent_backends/http/http_client.hpp>
#include <agent_backends/sandboxes/docker_engine.hpp>
#include <agent_backends/sandboxes/docker_types.hpp>

#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace agent_backends::detail {

/// The newest API version this client speaks.
inline constexpr std::string_view newest_api_version = "1.43";

/// The lower of two `major.minor` API versions (an unparsable one loses).
std::string lower_api_version(std::string_view a, std::string_view b);

/// Percent-encodes a query value or path part, keeping unreserved characters and `/`, `:`, `@`.
std::string url_escape(std::string_view text);

class docker_engine_core
{
public:
    docker_engine_core(boost::asio::any_io_executor ex, http_endpoint endpoint, docker_engine_options opts);

    /// Pings, reads `/version` and remembers the API version to use.
    task<docker_engine_info> ping();

    /// Sends `req` with its target prefixed by `/vX.Y` (negotiating first when needed).
    task<http_response> send(http_request req);

    /// As \ref send, returning once the header has arrived.
    task<http_response_stream> open(http_request req);

    /// As \ref send, asking for the raw stream (exec start).
    task<upgraded_stream> upgrade(http_request req);

    /// Throws the error for an engine's refusal: by status, with the engine's `message` text, followed by
    /// `subject` in parentheses when the text does not name it (podman's "no such file or directory").
    [[noreturn]] void refuse(const http_response& res, std::string_view request_line,
                             std::string_view subject = {}) const;

    /// Throws `protocol_error` for an answer that is not what the API documents.
    [[noreturn]] void malformed(std::string_view request_line, std::string_view what) const;

    const http_endpoint& endpoint() const noexcept { return client_.endpoint(); }
    boost::asio::any_io_executor get_executor() const noexcept { return client_.get_executor(); }

private:
    /// Reads the engine's `Api-Version` from `/_ping` and settles the version to use; returns the ping's
    /// answer.
    task<http_response> negotiate();
    task<std::string> version_prefix();
    std::string api_version() const;
    template <class Result, class Call>
    task<Result> versioned(http_request req, Call call);

    http_client client_;
    mutable std::mutex mutex_;  ///< Guards api_version_ (threads of one io_context may share the engine).
    std::string api_version_;   ///< Empty until negotiated (or given in the options).
};

}  // namespace agent_backends::detail

#endif
