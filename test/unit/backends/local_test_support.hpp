// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_LOCAL_TEST_SUPPORT_HPP
#define AGENT_BACKENDS_TEST_LOCAL_TEST_SUPPORT_HPP

// What the local_directory / local_backend tests share: error capture, tree snapshots, both resolvers.
#include <agent_backends/error.hpp>
#include <agent_backends/types.hpp>

#include "backends/root_resolver.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "common/expect_error.hpp"

#include <sys/stat.h>

namespace agent_backends::test {

inline std::string file_content(const std::filesystem::path& p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

/// Everything below a directory: relative path -> content (files), "<dir>" or "-> target" (links), plus
/// each directory's modification time, so any entry created and removed again shows too.
inline std::map<std::string, std::string> snapshot_tree(const std::filesystem::path& root)
{
    namespace fs = std::filesystem;
    std::map<std::string, std::string> out;
    auto dir_stamp = [](const fs::path& p) {
        struct stat st = {};
        ::lstat(p.c_str(), &st);
        return "<dir " + std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec) + ">";
    };
    out["."] = dir_stamp(root);
    for (const auto& e : fs::recursive_directory_iterator(root))
    {
        auto rel = fs::relative(e.path(), root).string();
        if (e.is_symlink())
            out[rel] = "-> " + fs::read_symlink(e.path()).string();
        else if (e.is_directory())
            out[rel] = dir_stamp(e.path());
        else
            out[rel] = file_content(e.path());
    }
    return out;
}

/// Names of the entries of a directory (not recursive), sorted.
inline std::vector<std::string> entry_names(const std::filesystem::path& dir)
{
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

/// Runs `fn` once with openat2 resolution and once with the component-by-component walk.
template <class F>
void for_each_resolver(F&& fn)
{
    for (bool use_openat2 : {true, false})
    {
        BOOST_TEST_CONTEXT((use_openat2 ? "openat2 resolution" : "component walk"))
        {
            detail::set_openat2_enabled(use_openat2);
            try
            {
                fn();
            }
            catch (...)
            {
                detail::set_openat2_enabled(true);
                throw;
            }
            detail::set_openat2_enabled(true);
        }
    }
}

}  // namespace agent_backends::test

#endif
