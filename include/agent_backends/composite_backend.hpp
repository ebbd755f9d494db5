// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_COMPOSITE_BACKEND_HPP
#define AGENT_BACKENDS_COMPOSITE_BACKEND_HPP

#include <agent_backends/backend.hpp>

#include <memory>
#include <string>
#include <vector>

namespace agent_backends {

/// \brief A child backend mounted at a path prefix of a \ref composite_backend.
struct composite_route
{
    std::string prefix;                 ///< `/memories` and `/memories/` are the same route.
    std::shared_ptr<backend> target;    ///< Wrap a \ref sync_backend with \ref ensure_async first.
};

/// \brief Routes each path to the backend mounted at its longest matching prefix.
///
/// \details A path matches a route when it equals the prefix or lies below it (`/memories/x` matches
/// `/memories`, `/memoriesX` does not). The child sees the path with the prefix stripped (`/x`) and its results
/// come back with the prefix restored; error messages name the path as the caller gave it. `ls` lists route
/// directories beside the entries of the backend that owns the directory. `glob` and `grep` over a directory
/// that contains routes fan out to every child concurrently and merge results sorted by path.
///
/// \par Errors
/// Those of the children; `invalid_argument` for a route prefix that is the root or not a valid path.
///
/// \par Cancellation
/// Terminal, partial, total: forwarded to every child operation in flight.
///
/// \par Thread safety
/// Distinct objects: safe. Shared objects: safe (routes are fixed at construction).
class composite_backend final : public backend
{
public:
    /// \param fallback Serves every path no route matches.
    /// \param routes Mounted children; prefixes are normalised, the longest match wins.
    composite_backend(std::shared_ptr<backend> fallback, std::vector<composite_route> routes);
    ~composite_backend() override;

    task<bool> exists(std::string_view path) override;
    task<std::vector<file_info>> ls(std::string_view path) override;
    task<std::string> read(std::string_view path, read_options opts = {}) override;
    task<std::string> read_bytes(std::string_view path) override;
    task<write_result> write(std::string_view path, std::string_view content) override;
    task<edit_result> edit(std::string_view path, edit_request req) override;
    task<std::vector<file_info>> glob(std::string_view pattern, std::string_view path = "/") override;
    task<std::vector<grep_match>> grep(grep_request req) override;

private:
    struct impl;
    std::shared_ptr<const impl> impl_;
};

}  // namespace agent_backends

#endif
