// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_STATE_BACKEND_HPP
#define AGENT_BACKENDS_STATE_BACKEND_HPP

#include <agent_backends/backend.hpp>

#include <map>
#include <memory>
#include <string>

namespace agent_backends {

/// \brief A \ref backend that keeps files in memory (directories are implicit).
///
/// \details Useful for scratch space, memories, and tests. Operations complete without suspending.
///
/// \par Thread safety
/// Distinct objects: safe. Shared objects: safe (a reader/writer lock guards the files).
class state_backend final : public backend
{
public:
    /// \brief An empty store.
    state_backend();

    /// \brief A store holding `files` (virtual path -> content; paths are normalised).
    explicit state_backend(const std::map<std::string, std::string>& files);

    ~state_backend() override;

    /// \brief A copy of every file: normalised path -> content.
    std::map<std::string, std::string> snapshot() const;

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
    std::unique_ptr<impl> impl_;
};

}  // namespace agent_backends

#endif
