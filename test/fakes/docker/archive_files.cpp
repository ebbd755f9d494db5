// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/docker/archive_files.hpp"

#include "core/base64.hpp"
#include "sandboxes/tar_archive.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <array>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace agent_backends::test::docker_fake {
namespace {

constexpr std::uint32_t go_mode_dir = 1u << 31;
constexpr std::uint32_t go_mode_symlink = 1u << 27;
constexpr std::uint32_t go_mode_setuid = 1u << 23;
constexpr std::uint32_t go_mode_setgid = 1u << 22;
constexpr std::uint32_t go_mode_sticky = 1u << 20;

std::uint32_t go_mode(mode_t m)
{
    std::uint32_t out = m & 0777;
    if (S_ISDIR(m))
        out |= go_mode_dir;
    if (S_ISLNK(m))
        out |= go_mode_symlink;
    if (m & S_ISUID)
        out |= go_mode_setuid;
    if (m & S_ISGID)
        out |= go_mode_setgid;
    if (m & S_ISVTX)
        out |= go_mode_sticky;
    return out;
}

std::string rfc3339(const struct timespec& t)
{
    std::tm utc = {};
    ::gmtime_r(&t.tv_sec, &utc);
    std::array<char, 64> text{};
    auto n = std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%S", &utc);
    if (t.tv_nsec != 0)
    {
        n += static_cast<std::size_t>(std::snprintf(text.data() + n, text.size() - n, ".%09ld", t.tv_nsec));
        while (text[n - 1] == '0')  // Go trims trailing zeros
            --n;
    }
    text[n] = '\0';
    return std::string(text.data()) + "Z";
}

std::string read_file(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

agent_backends::detail::tar_entry entry_of(const fs::path& p, std::string name, const struct stat& st)
{
    agent_backends::detail::tar_entry e;
    e.name = std::move(name);
    e.mode = st.st_mode & 07777;
    e.mtime = st.st_mtim.tv_sec;
    e.is_dir = S_ISDIR(st.st_mode);
    if (e.is_dir)
        e.name += "/";
    else
        e.content = read_file(p);
    return e;
}

// `a/./b` -> `a/b`; empty when the name is empty or climbs out with `..`.
std::optional<std::string> safe_relative(std::string_view name)
{
    std::string out;
    while (!name.empty())
    {
        auto slash = name.find('/');
        auto part = name.substr(0, slash);
        if (part == "..")
            return std::nullopt;
        if (!part.empty() && part != ".")
            out += (out.empty() ? "" : "/") + std::string(part);
        if (slash == std::string_view::npos)
            break;
        name.remove_prefix(slash + 1);
    }
    return out;
}

void set_times(const fs::path& p, std::int64_t mtime)
{
    if (mtime <= 0)
        return;
    struct timespec times[2] = {{0, UTIME_OMIT}, {static_cast<time_t>(mtime), 0}};
    ::utimensat(AT_FDCWD, p.c_str(), times, AT_SYMLINK_NOFOLLOW);
}

std::string joined(std::string_view dir, std::string_view name)
{
    std::string out(dir);
    if (out.empty() || out.back() != '/')
        out += "/";
    return out + std::string(name);
}

}  // namespace

std::optional<path_stat> stat_path(const std::string& host_path, std::string_view name)
{
    struct stat st = {};
    if (::lstat(host_path.c_str(), &st) != 0)
        return std::nullopt;
    path_stat out{std::string(name),
                  static_cast<std::uint64_t>(st.st_size),
                  go_mode(st.st_mode),
                  rfc3339(st.st_mtim),
                  {}};
    if (S_ISLNK(st.st_mode))
    {
        std::error_code ec;
        out.link_target = fs::read_symlink(host_path, ec).string();
    }
    return out;
}

std::string stat_header(const path_stat& stat)
{
    return agent_backends::detail::base64_encode(
        boost::json::serialize(boost::json::object{{"name", stat.name},
                                                   {"size", stat.size},
                                                   {"mode", stat.mode},
                                                   {"mtime", stat.mtime},
                                                   {"linkTarget", stat.link_target}}));
}

std::string archive_of(const std::string& host_path, std::string_view top_name)
{
    std::vector<agent_backends::detail::tar_entry> entries;
    struct stat st = {};
    if (::stat(host_path.c_str(), &st) != 0)
        return agent_backends::detail::make_tar(entries);
    entries.push_back(entry_of(host_path, std::string(top_name), st));
    if (S_ISDIR(st.st_mode))
    {
        std::error_code ec;
        for (fs::recursive_directory_iterator it(host_path, ec), end; !ec && it != end; it.increment(ec))
        {
            struct stat child = {};
            if (::lstat(it->path().c_str(), &child) != 0 ||
                !(S_ISDIR(child.st_mode) || S_ISREG(child.st_mode)))
                continue;
            auto relative = fs::relative(it->path(), host_path).string();
            entries.push_back(entry_of(it->path(), std::string(top_name) + "/" + relative, child));
        }
    }
    return agent_backends::detail::make_tar(entries);
}

std::optional<extract_failure> extract_archive(std::string_view tar, const std::string& host_dir,
                                               std::string_view container_dir, bool no_overwrite_dir_non_dir)
{
    std::error_code ec;
    auto entries = agent_backends::detail::read_tar(tar, ec);
    if (ec)
        return extract_failure{400, "Error processing tar file(exit status 1): unexpected EOF"};
    for (const auto& entry : entries)
    {
        auto relative = safe_relative(entry.name);
        if (!relative)
            return extract_failure{400,
                                   "invalid tar member name (leaves the extraction point): " + entry.name};
        if (relative->empty())
            continue;  // `./` itself
        fs::path target = fs::path(host_dir) / *relative;
        auto shown = joined(container_dir, *relative);
        std::error_code fs_ec;
        auto existing = fs::symlink_status(target, fs_ec);
        bool exists = fs::exists(existing);
        bool exists_as_dir = fs::is_directory(existing);
        if (entry.is_dir)
        {
            if (exists && !exists_as_dir)
            {
                if (no_overwrite_dir_non_dir)
                    return extract_failure{400, "cannot overwrite non-directory \"" + shown +
                                                    "\" with directory \"" + shown + "\""};
                fs::remove(target, fs_ec);
            }
            fs::create_directories(target, fs_ec);
            if (fs_ec)
                return extract_failure{500, "cannot create directory \"" + shown + "\": " + fs_ec.message()};
            ::chmod(target.c_str(), entry.mode & 07777);
            set_times(target, entry.mtime);
            continue;
        }
        if (exists_as_dir)
        {
            if (no_overwrite_dir_non_dir)
                return extract_failure{
                    400, "cannot overwrite directory \"" + shown + "\" with non-directory \"" + shown + "\""};
            fs::remove_all(target, fs_ec);
        }
        else if (exists)
            fs::remove(target, fs_ec);  // a link is replaced, never followed
        fs::create_directories(target.parent_path(), fs_ec);
        {
            std::ofstream out(target, std::ios::binary | std::ios::trunc);
            out.write(entry.content.data(), static_cast<std::streamsize>(entry.content.size()));
            if (!out)
                return extract_failure{500, "cannot write \"" + shown + "\""};
        }
        ::chmod(target.c_str(), entry.mode & 07777);
        set_times(target, entry.mtime);
    }
    return std::nullopt;
}

}  // namespace agent_backends::test::docker_fake
