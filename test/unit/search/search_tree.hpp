// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_SEARCH_SEARCH_TREE_HPP
#define AGENT_BACKENDS_TEST_SEARCH_SEARCH_TREE_HPP

// A temporary directory opened as a search root, with helpers that render results as sorted strings.
#include <agent_backends/detail/tree_search.hpp>

#include "common/temp_dir.hpp"

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

namespace agent_backends::test {

class search_tree
{
public:
    search_tree() = default;
    search_tree(const search_tree&) = delete;
    search_tree& operator=(const search_tree&) = delete;
    ~search_tree() { close_root(); }

    const temp_dir& dir() const noexcept { return dir_; }

    void write(std::string_view relative, std::string_view content) const { dir_.write(relative, content); }

    void mkdir(std::string_view relative) const
    {
        std::filesystem::create_directories(dir_.path() / relative);
    }

    /// The root at `relative` (empty: the temporary directory), its ancestors searched up to `stop_at`.
    detail::search_root root(std::string_view relative = "", std::string stop_at = {})
    {
        close_root();
        auto host = relative.empty() ? dir_.str() : (dir_.path() / relative).string();
        fd_ = ::open(host.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd_ < 0)
            throw std::runtime_error("cannot open " + host);
        return {fd_, host, stop_at.empty() ? dir_.str() : std::move(stop_at)};
    }

    /// `path:line` for every hit.
    std::vector<std::string> grep(const detail::grep_query& q, std::string_view relative = "")
    {
        std::vector<std::string> out;
        for (const auto& h : detail::grep_files(root(relative), q))
            out.push_back(h.path + ":" + std::to_string(h.line_number));
        return out;
    }

    std::vector<std::string> glob(const detail::glob_query& q, std::string_view relative = "")
    {
        std::vector<std::string> out;
        for (const auto& f : detail::glob_files(root(relative), q))
            out.push_back(f.path);
        return out;
    }

private:
    void close_root() noexcept
    {
        if (fd_ >= 0)
            ::close(fd_);
        fd_ = -1;
    }

    temp_dir dir_;
    int fd_{-1};
};

}  // namespace agent_backends::test

#endif
