// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/daytona/multipart_form.hpp"
#include "fakes/daytona/routes.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include <array>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include <fnmatch.h>
#include <sys/stat.h>

namespace json = boost::json;
namespace fs = std::filesystem;

namespace agent_backends::test::daytona_fake {
namespace {

/// A request's path resolved in its sandbox: the sandbox path, and where it lives on the host.
struct located
{
    std::string path;  ///< Absolute sandbox path.
    std::string host;
    std::string root;  ///< The sandbox's host root.
};

std::optional<located> locate(exchange& ex, std::string_view given)
{
    auto& state = ex.state();
    std::lock_guard lock(state.mutex);
    auto* sandbox = state.find(ex.sandbox_id);
    if (!sandbox)
        return std::nullopt;
    auto path = state.sandbox_path(given);
    return located{path, server_state::host_path(*sandbox, path), sandbox->root_dir};
}

std::string sandbox_path_of(const located& where, const std::string& host)
{
    if (host == where.root)
        return "/";
    if (host.size() > where.root.size() && host.compare(0, where.root.size(), where.root) == 0 &&
        host[where.root.size()] == '/')
        return host.substr(where.root.size());
    return host;
}

/// Go's FileMode.String(): type letters, or `-`, then the nine permission characters.
std::string go_mode(mode_t mode)
{
    std::string out;
    if (S_ISDIR(mode))
        out += 'd';
    else if (S_ISLNK(mode))
        out += 'L';
    else if (S_ISBLK(mode))
        out += 'D';
    else if (S_ISFIFO(mode))
        out += 'p';
    else if (S_ISSOCK(mode))
        out += 'S';
    if (mode & S_ISUID)
        out += 'u';
    if (mode & S_ISGID)
        out += 'g';
    if (S_ISCHR(mode))
        out += "Dc";
    if (mode & S_ISVTX)
        out += 't';
    if (out.empty())
        out = "-";
    const char* letters = "rwxrwxrwx";
    for (int bit = 8; bit >= 0; --bit)
        out += (mode & (1u << bit)) ? letters[8 - bit] : '-';
    return out;
}

/// Go's RFC 3339 with nanoseconds, trailing zeros dropped: `2026-03-01T12:00:00.5Z`.
std::string rfc3339(const struct timespec& t)
{
    std::tm utc = {};
    ::gmtime_r(&t.tv_sec, &utc);
    std::array<char, 64> text{};
    std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%S", &utc);
    std::string out = text.data();
    if (t.tv_nsec != 0)
    {
        std::array<char, 16> nanos{};
        std::snprintf(nanos.data(), nanos.size(), ".%09ld", static_cast<long>(t.tv_nsec));
        std::string fraction = nanos.data();
        fraction.erase(fraction.find_last_not_of('0') + 1);
        out += fraction;
    }
    return out + "Z";
}

/// `FileInfo` of a host path (links followed, as `os.Stat`); nothing when it cannot be stat'ed.
std::optional<json::object> file_info_json(const std::string& host, std::string name, int& err)
{
    struct stat st = {};
    if (::stat(host.c_str(), &st) != 0)
    {
        err = errno;
        return std::nullopt;
    }
    auto stamp = rfc3339(st.st_mtim);
    std::array<char, 8> perms{};
    std::snprintf(perms.data(), perms.size(), "%04o", static_cast<unsigned>(st.st_mode & 0777));
    return json::object{{"name", std::move(name)},
                        {"size", static_cast<std::int64_t>(st.st_size)},
                        {"mode", go_mode(st.st_mode)},
                        {"permissions", perms.data()},
                        {"isDir", S_ISDIR(st.st_mode)},
                        {"modTime", stamp},
                        {"modifiedAt", stamp},
                        {"owner", std::to_string(st.st_uid)},
                        {"group", std::to_string(st.st_gid)}};
}

reply errno_reply(const exchange& ex, int err, const std::string& path)
{
    std::string text = path + ": " + std::strerror(err);
    if (err == ENOENT)
        return ex.error(404, "stat " + text);
    if (err == EACCES || err == EPERM)
        return ex.error(403, text);
    return ex.error(400, text);
}

reply missing_path(const exchange& ex)
{
    return ex.error(400, "path is required");
}

reply unknown_sandbox(const exchange& ex)
{
    return ex.error(404, "Sandbox with ID " + ex.sandbox_id + " not found");
}

std::string base_of(const std::string& path)
{
    if (path == "/")
        return "/";
    return path.substr(path.rfind('/') + 1);
}

reply file_info(exchange& ex)
{
    if (!ex.has_param("path") || ex.param("path").empty())
        return missing_path(ex);
    auto where = locate(ex, ex.param("path"));
    if (!where)
        return unknown_sandbox(ex);
    int err = 0;
    auto info = file_info_json(where->host, base_of(where->path), err);
    if (!info)
        return errno_reply(ex, err, where->path);
    return json_reply(200, *info);
}

reply list_files(exchange& ex)
{
    auto where = locate(ex, ex.param("path", "."));
    if (!where)
        return unknown_sandbox(ex);
    std::error_code ec;
    fs::directory_iterator it(where->host, ec);
    if (ec)
        return errno_reply(ex, ec.value() == ENOTDIR ? ENOTDIR : ec.value(), where->path);
    json::array out;
    for (; it != fs::directory_iterator(); it.increment(ec))
    {
        if (ec)
            break;
        int err = 0;
        if (auto info = file_info_json(it->path().string(), it->path().filename().string(), err))
            out.push_back(std::move(*info));
    }
    return json_reply(200, out);
}

reply download(exchange& ex)
{
    if (ex.param("path").empty())
        return missing_path(ex);
    auto where = locate(ex, ex.param("path"));
    if (!where)
        return unknown_sandbox(ex);
    struct stat st = {};
    if (::stat(where->host.c_str(), &st) != 0)
        return errno_reply(ex, errno, where->path);
    if (S_ISDIR(st.st_mode))
        return ex.error(400, "path must be a file");
    std::ifstream in(where->host, std::ios::binary);
    if (!in)
        return errno_reply(ex, EACCES, where->path);
    std::ostringstream content;
    content << in.rdbuf();
    return {.status = 200,
            .content_type = "application/octet-stream",
            .body = content.str(),
            .headers = {{"Content-Description", "File Transfer"},
                        {"Content-Disposition", "attachment; filename=" + base_of(where->path)},
                        {"Content-Transfer-Encoding", "binary"}}};
}

reply upload(exchange& ex)
{
    if (ex.param("path").empty())
        return missing_path(ex);
    auto where = locate(ex, ex.param("path"));
    if (!where)
        return unknown_sandbox(ex);
    auto content = multipart_field(ex.header("Content-Type"), ex.request.body(), "file");
    if (!content)
        return ex.error(400, "http: no such file");
    std::error_code ec;
    fs::create_directories(fs::path(where->host).parent_path(), ec);
    if (ec)
        return ex.error(400, "mkdir " + where->path + ": " + ec.message());
    if (fs::is_directory(where->host))
        return ex.error(400, "open " + where->path + ": is a directory");
    std::ofstream out(where->host, std::ios::binary | std::ios::trunc);
    if (!out)
        return ex.error(400, "open " + where->path + ": " + std::strerror(errno));
    out << *content;
    out.close();
    return {.status = 200, .content_type = {}};
}

reply delete_file(exchange& ex)
{
    if (ex.param("path").empty())
        return missing_path(ex);
    auto where = locate(ex, ex.param("path"));
    if (!where)
        return unknown_sandbox(ex);
    struct stat st = {};
    if (::lstat(where->host.c_str(), &st) != 0)
        return errno_reply(ex, errno, where->path);
    std::error_code ec;
    if (S_ISDIR(st.st_mode))
    {
        if (ex.param("recursive") != "true")
            return ex.error(400, "cannot delete directory without recursive flag");
        fs::remove_all(where->host, ec);
    }
    else
        fs::remove(where->host, ec);
    if (ec)
        return ex.error(400, ec.message());
    return empty_reply(204);
}

reply create_folder(exchange& ex)
{
    if (ex.param("path").empty())
        return missing_path(ex);
    auto where = locate(ex, ex.param("path"));
    if (!where)
        return unknown_sandbox(ex);
    std::error_code ec;
    fs::create_directories(where->host, ec);
    if (ec)
        return ex.error(400, ec.message());
    return empty_reply(201);
}

reply move_file(exchange& ex)
{
    auto from = locate(ex, ex.param("source"));
    auto to = locate(ex, ex.param("destination"));
    if (ex.param("source").empty() || ex.param("destination").empty())
        return ex.error(400, "source and destination paths are required");
    if (!from || !to)
        return unknown_sandbox(ex);
    std::error_code ec;
    fs::rename(from->host, to->host, ec);
    if (ec)
        return ex.error(ec == std::errc::no_such_file_or_directory ? 404 : 400, ec.message());
    return empty_reply(200);
}

/// Every entry below a host directory, as Go's filepath.Walk visits them (lexical order, links not
/// followed), unreadable directories skipped.
std::vector<fs::directory_entry> walk(const std::string& root)
{
    std::vector<fs::directory_entry> out;
    std::error_code ec;
    if (!fs::is_directory(fs::symlink_status(root, ec)))
    {
        if (fs::exists(fs::symlink_status(root, ec)))
            out.emplace_back(fs::path(root));
        return out;
    }
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        out.push_back(*it);
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.path().string() < b.path().string(); });
    return out;
}

reply find_in_files(exchange& ex)
{
    const auto pattern = ex.param("pattern");
    if (ex.param("path").empty() || pattern.empty())
        return ex.error(400, "path and pattern are required");
    auto where = locate(ex, ex.param("path"));
    if (!where)
        return unknown_sandbox(ex);
    json::array out;
    for (const auto& entry : walk(where->host))
    {
        std::error_code ec;
        if (!entry.is_regular_file(ec) || entry.is_symlink(ec))
            continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        auto content = text.str();
        if (content.substr(0, 512).find('\0') != std::string::npos)
            continue;  // binary, as the daemon decides
        std::size_t number = 0;
        std::size_t start = 0;
        while (start < content.size())
        {
            auto end = content.find('\n', start);
            auto line = std::string_view(content).substr(
                start, end == std::string::npos ? std::string::npos : end - start);
            ++number;
            if (!line.empty() && line.back() == '\r')
                line.remove_suffix(1);
            if (line.find(pattern) != std::string_view::npos)
                out.push_back(json::object{{"file", sandbox_path_of(*where, entry.path().string())},
                                           {"line", number},
                                           {"content", line}});
            if (end == std::string::npos)
                break;
            start = end + 1;
        }
    }
    return json_reply(200, out);
}

reply search_files(exchange& ex)
{
    const auto pattern = ex.param("pattern");
    if (ex.param("path").empty() || pattern.empty())
        return ex.error(400, "path and pattern are required");
    auto where = locate(ex, ex.param("path"));
    if (!where)
        return unknown_sandbox(ex);
    json::array files;
    for (const auto& entry : walk(where->host))
    {
        std::error_code ec;
        if (entry.is_directory(ec) && !entry.is_symlink(ec))
            continue;
        // By name, as the daemon's filepath.Match does.
        if (::fnmatch(pattern.c_str(), entry.path().filename().c_str(), 0) == 0)
            files.push_back(json::string(sandbox_path_of(*where, entry.path().string())));
    }
    return json_reply(200, json::object{{"files", std::move(files)}});
}

reply replace_in_files(exchange& ex)
{
    boost::system::error_code ec;
    auto body = json::parse(ex.request.body(), ec);
    if (ec || !body.is_object())
        return ex.error(400, "invalid request body");
    const auto& o = body.as_object();
    const auto* files = o.if_contains("files");
    const auto* pattern = o.if_contains("pattern");
    const auto* value = o.if_contains("newValue");
    if (!files || !files->is_array() || !pattern || !pattern->is_string() || !value || !value->is_string())
        return ex.error(400, "files, pattern and newValue are required");
    const std::string from(pattern->as_string());
    const std::string to(value->as_string());
    json::array out;
    for (const auto& file : files->as_array())
    {
        const std::string given = file.is_string() ? std::string(file.as_string()) : std::string();
        auto where = locate(ex, given);
        json::object result{{"file", given}, {"success", false}, {"error", ""}};
        std::ifstream in(where ? where->host : std::string(), std::ios::binary);
        if (!where || !in || from.empty())
        {
            result["error"] = "cannot read " + given;
            out.push_back(std::move(result));
            continue;
        }
        std::ostringstream text;
        text << in.rdbuf();
        auto content = text.str();
        for (auto pos = content.find(from); pos != std::string::npos;
             pos = content.find(from, pos + to.size()))
            content.replace(pos, from.size(), to);
        std::ofstream(where->host, std::ios::binary | std::ios::trunc) << content;
        result["success"] = true;
        out.push_back(std::move(result));
    }
    return json_reply(200, out);
}

reply directory_answer(exchange& ex, const std::string& dir)
{
    return json_reply(200, json::object{{"dir", dir}});
}

}  // namespace

task<reply> file_route(exchange& ex)
{
    const auto& s = ex.segments;
    const auto& m = ex.method;
    const auto n = s.size();
    const auto& work_dir = ex.state().options.work_dir;
    if (n == 1 && s[0] == "work-dir" && m == "GET")
        co_return directory_answer(ex, work_dir);
    if (n == 1 && s[0] == "user-home-dir" && m == "GET")
        co_return directory_answer(ex, "/home/daytona");
    if (n == 1 && s[0] == "version" && m == "GET")
        co_return json_reply(200, json::object{{"version", "0.190.0-fake"}});
    if (n >= 1 && s[0] == "files")
    {
        if (n == 1 && m == "GET")
            co_return list_files(ex);
        if (n == 1 && m == "DELETE")
            co_return delete_file(ex);
        const auto& action = n == 2 ? s[1] : std::string();
        if (action == "info" && m == "GET")
            co_return file_info(ex);
        if (action == "download" && m == "GET")
            co_return download(ex);
        if (action == "upload" && m == "POST")
            co_return upload(ex);
        if (action == "folder" && m == "POST")
            co_return create_folder(ex);
        if (action == "move" && m == "POST")
            co_return move_file(ex);
        if (action == "find" && m == "GET")
            co_return find_in_files(ex);
        if (action == "search" && m == "GET")
            co_return search_files(ex);
        if (action == "replace" && m == "POST")
            co_return replace_in_files(ex);
    }
    co_return ex.error(404, "Cannot " + m + " " + ex.path);
}

}  // namespace agent_backends::test::daytona_fake
