// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
//
// mcp_bench DIR [--rounds N] [--max-seconds S] [--literal S] [--glob P] [--read FILE]
//               [--agent-backends PATH] [--node PATH] [--anchor-server PATH]
//
// Times MCP round trips over stdio: `agent-backends mcp --root DIR` beside the reference server
// `@modelcontextprotocol/server-filesystem DIR` (run by Node.js), each started once and initialized, then
// N sequential requests per case (write one request line, read its response line), or as many as fit in
// S seconds (default 10) when that comes first. Prints one line per case, `name ours_rps anchor_rps ratio`
// (ratio = ours / anchor, higher is better), then notes.
//
// When DIR is missing or empty a tree is built there first: 500 text files of ~2 KB in 20 folders, a
// literal planted in every 50th, and read_me.txt of 10 KB. With a DIR of your own, --read names the file
// read (default: the one closest to 10 KB), --literal what grep looks for.
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace {

namespace fs = std::filesystem;
using clock_type = std::chrono::steady_clock;

constexpr int answer_timeout_ms = 30'000;

struct bench_options
{
    fs::path dir;
    int rounds{2000};
    double max_seconds{10};
    std::string literal{"needle_7f3a"};
    std::string glob{"**/*.txt"};
    std::string read_file{};  // relative to dir; empty: the file closest to 10 KB
    std::string ours{AGENT_BACKENDS_CLI_PATH};
    std::string node{AGENT_BACKENDS_NODE_PATH};
    std::string anchor_server{AGENT_BACKENDS_SERVER_FILESYSTEM_PATH};
};

std::string json_quote(std::string_view s)
{
    std::string out = "\"";
    for (char c : s)
    {
        switch (c)
        {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20)
                {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
                    out += buf;
                }
                else
                    out += c;
        }
    }
    return out + "\"";
}

/// An MCP server spoken to over a pair of pipes, one JSON-RPC message per line.
class stdio_server
{
public:
    explicit stdio_server(const std::vector<std::string>& argv)
    {
        int in[2], out[2];
        if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0)
            throw std::runtime_error("pipe failed");
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, in[0], 0);
        posix_spawn_file_actions_adddup2(&actions, out[1], 1);
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
        std::vector<char*> args;
        for (const auto& a : argv)
            args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        const int rc = posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        ::close(in[0]);
        ::close(out[1]);
        to_server_ = in[1];
        from_server_ = out[0];
        if (rc != 0)
        {
            pid_ = -1;
            throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(rc));
        }
    }

    stdio_server(const stdio_server&) = delete;
    stdio_server& operator=(const stdio_server&) = delete;

    ~stdio_server()
    {
        // Closing its input ends a well-behaved stdio server; one that lingers is killed.
        ::close(to_server_);
        ::close(from_server_);
        if (pid_ <= 0)
            return;
        for (int i = 0; i < 200; ++i)
        {
            if (::waitpid(pid_, nullptr, WNOHANG) == pid_)
                return;
            ::usleep(10'000);
        }
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
    }

    void send(const std::string& line)
    {
        std::string data = line + "\n";
        std::size_t done = 0;
        while (done < data.size())
        {
            const auto n = ::write(to_server_, data.data() + done, data.size() - done);
            if (n <= 0)
                throw std::runtime_error("the server closed its input");
            done += static_cast<std::size_t>(n);
        }
    }

    /// The next line whose JSON-RPC id is `id`; lines in between (notifications) are dropped.
    std::string receive(long id)
    {
        const std::string key = "\"id\":" + std::to_string(id);
        for (;;)
        {
            auto line = next_line();
            for (auto at = line.find(key); at != std::string::npos; at = line.find(key, at + 1))
            {
                const auto after = at + key.size();
                if (after == line.size() || !std::isdigit(static_cast<unsigned char>(line[after])))
                    return line;
            }
        }
    }

    /// Sends a request and returns its response line.
    std::string request(const std::string& method, const std::string& params_json)
    {
        const long id = ++last_id_;
        send(R"({"jsonrpc":"2.0","id":)" + std::to_string(id) + R"(,"method":")" + method + R"(","params":)" +
             params_json + "}");
        return receive(id);
    }

    void initialize()
    {
        auto answer = request("initialize", R"({"protocolVersion":"2025-06-18","capabilities":{},)"
                                            R"("clientInfo":{"name":"mcp_bench","version":"1.0.0"}})");
        if (answer.find("\"result\"") == std::string::npos)
            throw std::runtime_error("initialize failed: " + answer.substr(0, 300));
        send(R"({"jsonrpc":"2.0","method":"notifications/initialized"})");
    }

private:
    std::string next_line()
    {
        for (;;)
        {
            if (auto nl = buffer_.find('\n', scanned_); nl != std::string::npos)
            {
                std::string line = buffer_.substr(0, nl);
                buffer_.erase(0, nl + 1);
                scanned_ = 0;
                return line;
            }
            scanned_ = buffer_.size();
            pollfd p{from_server_, POLLIN, 0};
            if (::poll(&p, 1, answer_timeout_ms) <= 0)
                throw std::runtime_error("no answer within 30 s");
            char chunk[65536];
            const auto n = ::read(from_server_, chunk, sizeof chunk);
            if (n <= 0)
                throw std::runtime_error("the server closed its output");
            buffer_.append(chunk, static_cast<std::size_t>(n));
        }
    }

    pid_t pid_{-1};
    int to_server_{-1};
    int from_server_{-1};
    std::string buffer_;
    std::size_t scanned_{0};
    long last_id_{0};
};

std::string tool_call(const std::string& name, const std::string& arguments_json)
{
    return R"({"name":")" + name + R"(","arguments":)" + arguments_json + "}";
}

/// The text a tools/call answered, or why it is not a successful result.
std::string answer_text(const std::string& response, bool& ok)
{
    ok = false;
    boost::system::error_code ec;
    auto v = boost::json::parse(response, ec);
    if (ec || !v.is_object())
        return "unparsable response";
    const auto* result = v.as_object().if_contains("result");
    if (!result || !result->is_object())
        return "error response: " + response.substr(0, 300);
    const auto* is_error = result->as_object().if_contains("isError");
    const auto& content = result->as_object().at("content").as_array();
    std::string text = content.empty() ? "" : std::string(content.at(0).as_object().at("text").as_string());
    ok = !(is_error && is_error->is_bool() && is_error->as_bool());
    return text;
}

/// One side of a case: the server and the request it is sent.
struct one_side
{
    stdio_server* server;
    std::string method;
    std::string params_json;
};

struct rate
{
    double per_second;
    int rounds;
};

/// Round trips per second over `rounds` sequential requests or `max_seconds`, whichever ends first, after
/// checking one answer and warming up.
std::optional<rate> measure(const char* name, const char* side, const one_side& s, int rounds,
                            double max_seconds)
{
    if (!s.server)
        return std::nullopt;
    const auto first = s.server->request(s.method, s.params_json);
    if (s.method == "tools/call")
    {
        bool ok = false;
        const auto text = answer_text(first, ok);
        const auto first_line = text.substr(0, text.find('\n'));
        std::printf("# %s %s: %s (%zu bytes of text)\n", name, side, first_line.substr(0, 100).c_str(),
                    text.size());
        if (!ok)
            throw std::runtime_error(std::string(name) + " " + side +
                                     " answered an error: " + text.substr(0, 300));
    }
    else if (first.find("\"result\"") == std::string::npos)
        throw std::runtime_error(std::string(name) + " " + side +
                                 " answered an error: " + first.substr(0, 300));
    for (int i = 0; i < std::min(rounds / 10, 20); ++i)  // warm caches and lazy paths
        s.server->request(s.method, s.params_json);
    const auto start = clock_type::now();
    const auto stop =
        start + std::chrono::duration_cast<clock_type::duration>(std::chrono::duration<double>(max_seconds));
    int done = 0;
    auto now = start;
    while (done < rounds && now < stop)
    {
        s.server->request(s.method, s.params_json);
        ++done;
        now = clock_type::now();
    }
    const std::chrono::duration<double> elapsed = now - start;
    return rate{done / elapsed.count(), done};
}

/// 500 files of ~2 KB in 20 folders, the literal in every 50th, and read_me.txt of 10 KB.
void build_tree(const fs::path& dir, const std::string& literal)
{
    fs::create_directories(dir);
    int n = 0;
    for (int d = 0; d < 20; ++d)
    {
        const auto folder = dir / "src" / ("module_" + std::to_string(d));
        fs::create_directories(folder);
        for (int f = 0; f < 25; ++f, ++n)
        {
            std::ofstream out(folder / ("file_" + std::to_string(f) + ".txt"));
            for (int line = 0; line < 40; ++line)
                out << "line " << line << " of file " << n << ": the quick brown fox jumps over the dog\n";
            if (n % 50 == 0)
                out << "here is the " << literal << " to find\n";
        }
    }
    std::ofstream read_me(dir / "read_me.txt");
    for (int line = 0; read_me.tellp() < 10'240; ++line)
        read_me << "read_me line " << line << ": some ordinary text an agent might read\n";
}

/// The regular file (not hidden) whose size is closest to 10 KB, relative to `dir`.
std::string file_near_10k(const fs::path& dir)
{
    std::string best;
    std::uintmax_t best_distance = UINTMAX_MAX;
    for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied);
         it != fs::recursive_directory_iterator(); ++it)
    {
        if (it->path().filename().string().starts_with("."))
        {
            if (it->is_directory())
                it.disable_recursion_pending();
            continue;
        }
        if (!it->is_regular_file())
            continue;
        const auto size = it->file_size();
        const auto distance = size > 10'240 ? size - 10'240 : 10'240 - size;
        if (distance < best_distance)
        {
            best_distance = distance;
            best = fs::relative(it->path(), dir).generic_string();
        }
    }
    return best;
}

bench_options parse_options(int argc, char** argv)
{
    if (argc < 2 || argv[1][0] == '-')
        throw std::invalid_argument(
            "usage: mcp_bench DIR [--rounds N] [--max-seconds S] [--literal S] [--glob P] [--read FILE] "
            "[--agent-backends PATH] [--node PATH] [--anchor-server PATH]");
    bench_options o;
    o.dir = argv[1];
    for (int i = 2; i + 1 < argc; i += 2)
    {
        const std::string flag = argv[i];
        const std::string value = argv[i + 1];
        if (flag == "--rounds")
            o.rounds = std::max(1, std::atoi(value.c_str()));
        else if (flag == "--max-seconds")
            o.max_seconds = std::max(0.1, std::atof(value.c_str()));
        else if (flag == "--literal")
            o.literal = value;
        else if (flag == "--glob")
            o.glob = value;
        else if (flag == "--read")
            o.read_file = value;
        else if (flag == "--agent-backends")
            o.ours = value;
        else if (flag == "--node")
            o.node = value;
        else if (flag == "--anchor-server")
            o.anchor_server = value;
        else
            throw std::invalid_argument("unknown option " + flag);
    }
    return o;
}

int run(const bench_options& o)
{
    const bool built = !fs::exists(o.dir) || fs::is_empty(o.dir);
    if (built)
        build_tree(o.dir, o.literal);
    const auto dir = fs::canonical(o.dir);
    const auto read_rel = o.read_file.empty() ? file_near_10k(dir) : o.read_file;
    if (read_rel.empty())
        throw std::runtime_error("no file to read in " + dir.string());

    stdio_server ours({o.ours, "mcp", "--root", dir.string()});
    ours.initialize();
    std::optional<stdio_server> anchor;
    std::string anchor_missing;
    if (!fs::exists(o.node) || !fs::exists(o.anchor_server))
        anchor_missing = o.node + " or " + o.anchor_server + " is missing (run scripts/setup.sh)";
    else
    {
        anchor.emplace(std::vector<std::string>{o.node, o.anchor_server, dir.string()});
        anchor->initialize();
    }
    stdio_server* theirs = anchor ? &*anchor : nullptr;

    std::printf(
        "# up to %d sequential round trips (or %.0f s) per case and side over stdio; DIR=%s%s; "
        "read: %s (%ju bytes)\n",
        o.rounds, o.max_seconds, dir.c_str(), built ? " (built)" : "", read_rel.c_str(),
        static_cast<std::uintmax_t>(fs::file_size(dir / read_rel)));
    std::printf("# ours: %s mcp; anchor: %s\n", o.ours.c_str(),
                anchor_missing.empty() ? "@modelcontextprotocol/server-filesystem on Node.js"
                                       : anchor_missing.c_str());

    struct bench_case
    {
        const char* name;
        std::string method;
        std::string ours_params;
        std::string anchor_params;
    };
    const auto abs = [&](const std::string& rel) { return json_quote((dir / rel).string()); };
    const std::vector<bench_case> cases = {
        {"ping", "ping", "{}", "{}"},
        {"read_file_10k", "tools/call",
         tool_call("read_file", R"({"path":)" + json_quote("/" + read_rel) + "}"),
         tool_call("read_text_file", R"({"path":)" + abs(read_rel) + "}")},
        {"grep_literal_vs_search_files", "tools/call",
         tool_call("grep",
                   R"({"pattern":)" + json_quote(o.literal) + R"(,"output_mode":"files_with_matches"})"),
         tool_call("search_files",
                   R"({"path":)" + json_quote(dir.string()) + R"(,"pattern":)" + json_quote(o.glob) + "}")},
        {"glob_vs_search_files", "tools/call", tool_call("glob", R"({"pattern":)" + json_quote(o.glob) + "}"),
         tool_call("search_files",
                   R"({"path":)" + json_quote(dir.string()) + R"(,"pattern":)" + json_quote(o.glob) + "}")},
    };

    std::vector<std::string> lines;
    for (const auto& c : cases)
    {
        auto ours_rate = measure(c.name, "ours", {&ours, c.method, c.ours_params}, o.rounds, o.max_seconds);
        auto anchor_rate =
            measure(c.name, "anchor", {theirs, c.method, c.anchor_params}, o.rounds, o.max_seconds);
        std::printf("# %s rounds: ours %d, anchor %s\n", c.name, ours_rate->rounds,
                    anchor_rate ? std::to_string(anchor_rate->rounds).c_str() : "-");
        char line[256];
        if (anchor_rate)
            std::snprintf(line, sizeof line, "%s %.0f %.1f %.2f", c.name, ours_rate->per_second,
                          anchor_rate->per_second, ours_rate->per_second / anchor_rate->per_second);
        else
            std::snprintf(line, sizeof line, "%s %.0f - -", c.name, ours_rate->per_second);
        lines.push_back(line);
    }
    std::printf("name ours_rps anchor_rps ratio\n");
    for (const auto& l : lines)
        std::printf("%s\n", l.c_str());
    std::printf(
        "note: rps = round trips per second, one client, one request in flight; ratio = "
        "ours/anchor, higher is better, goal >= 10. ping is the protocol floor (no tool runs). "
        "server-filesystem has no content search, so "
        "grep_literal_vs_search_files sets our grep (reads every file for '%s') against their nearest "
        "tool, search_files by name ('%s'): not the same work, ours does more. glob_vs_search_files "
        "is the like-for-like name search.\n",
        o.literal.c_str(), o.glob.c_str());
    return 0;
}

}  // namespace

int main(int argc, char** argv)
{
    ::signal(SIGPIPE, SIG_IGN);
    try
    {
        return run(parse_options(argc, argv));
    }
    catch (const std::exception& e)
    {
        std::fprintf(stderr, "mcp_bench: %s\n", e.what());
        return 1;
    }
}
