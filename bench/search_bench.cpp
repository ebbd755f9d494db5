// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
//
// search_bench DIR [--reps N] [--threads N] [--literal S] [--regex R] [--plain-regex R] [--icase S] [--ext E]
//
// Times our grep and glob over DIR beside ripgrep and fd run on the same tree in the same run, and prints
// one line per case: `name ours_ms anchor_ms ratio ours_count anchor_count` (medians of N repetitions;
// ratio = ours / anchor, lower is better). Counts are matching lines for grep, files for glob.
#include <agent_backends/detail/tree_search.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace {

namespace ab = agent_backends::detail;
using clock_type = std::chrono::steady_clock;

struct measured
{
    double ms;
    std::size_t count;
};

/// Output of a program run in `dir`, or nullopt when it cannot be started or fails.
std::optional<std::string> run_program(const std::vector<std::string>& argv, const std::string& dir)
{
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        return std::nullopt;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addchdir_np(&actions, dir.c_str());
    std::vector<char*> args;
    for (const auto& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    if (rc != 0)
    {
        ::close(fds[0]);
        return std::nullopt;
    }
    std::string out;
    char buf[65536];
    for (;;)
    {
        const auto n = ::read(fds[0], buf, sizeof buf);
        if (n <= 0)
            break;
        out.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || (WEXITSTATUS(status) != 0 && WEXITSTATUS(status) != 1))
        return std::nullopt;
    return out;
}

/// Sum of the `:N` suffixes of `rg -c` output.
std::size_t sum_counts(const std::string& out)
{
    std::size_t total = 0;
    std::size_t pos = 0;
    while (pos < out.size())
    {
        auto nl = out.find('\n', pos);
        if (nl == std::string::npos)
            nl = out.size();
        const auto colon = out.rfind(':', nl);
        if (colon != std::string::npos && colon >= pos)
            total += std::strtoull(out.c_str() + colon + 1, nullptr, 10);
        pos = nl + 1;
    }
    return total;
}

std::size_t count_lines(const std::string& out)
{
    return static_cast<std::size_t>(std::count(out.begin(), out.end(), '\n'));
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

struct bench_case
{
    std::string name;
    std::function<std::size_t()> ours;
    std::vector<std::string> anchor;
    std::function<std::size_t(const std::string&)> count_anchor;
};

}  // namespace

int main(int argc, char** argv)
{
    if (argc < 2)
    {
        std::fprintf(stderr,
                     "usage: search_bench DIR [--reps N] [--threads N] [--literal S] [--regex R] "
                     "[--plain-regex R] [--icase S] [--ext E]\n");
        return 2;
    }
    std::string dir = argv[1];
    int reps = 5;
    unsigned threads = 0;
    // Defaults suit the Linux tree: a literal, a regex with a required literal, one without, and a
    // case-insensitive literal, all with matches.
    std::string literal = "PM_SUSPEND";
    std::string regex = "PM_[A-Z]+_SUSPEND";
    std::string plain_regex = "[A-Z]{3}_[0-9]{3}_[A-Z]";
    std::string icase = "pm_suspend";
    std::string ext = "c";
    for (int i = 2; i + 1 < argc; i += 2)
    {
        const std::string_view opt = argv[i];
        if (opt == "--reps")
            reps = std::max(1, std::atoi(argv[i + 1]));
        else if (opt == "--threads")
            threads = static_cast<unsigned>(std::atoi(argv[i + 1]));
        else if (opt == "--literal")
            literal = argv[i + 1];
        else if (opt == "--regex")
            regex = argv[i + 1];
        else if (opt == "--plain-regex")
            plain_regex = argv[i + 1];
        else if (opt == "--icase")
            icase = argv[i + 1];
        else if (opt == "--ext")
            ext = argv[i + 1];
    }
    char* real = ::realpath(dir.c_str(), nullptr);
    if (!real)
    {
        std::perror(dir.c_str());
        return 1;
    }
    dir = real;
    std::free(real);
    const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd < 0)
    {
        std::perror(dir.c_str());
        return 1;
    }
    const ab::search_root root{dir_fd, dir, dir};

    auto grep = [&](std::string pattern, bool ignore_case) {
        return [&root, pattern, ignore_case, threads] {
            return ab::grep_files(root, {.pattern = pattern, .ignore_case = ignore_case, .threads = threads})
                .size();
        };
    };
    auto glob = [&](std::string pattern, bool want_stat) {
        return [&root, pattern, want_stat, threads] {
            return ab::glob_files(root, {.pattern = pattern, .want_stat = want_stat, .threads = threads})
                .size();
        };
    };
    const std::vector<bench_case> cases = {
        {"grep_literal", grep(literal, false), {"rg", "-c", literal}, sum_counts},
        {"grep_regex", grep(regex, false), {"rg", "-c", regex}, sum_counts},
        {"grep_regex_no_literal", grep(plain_regex, false), {"rg", "-c", plain_regex}, sum_counts},
        {"grep_ignore_case", grep(icase, true), {"rg", "-c", "-i", icase}, sum_counts},
        {"glob_" + ext, glob("**/*." + ext, false), {"fdfind", "-e", ext}, count_lines},
        {"glob_" + ext + "_stat", glob("**/*." + ext, true), {"fdfind", "-e", ext}, count_lines},
    };

    std::printf("# %s, %d repetitions, medians; ratio = ours / anchor\n", dir.c_str(), reps);
    std::printf("%-22s %10s %10s %7s %10s %10s\n", "name", "ours_ms", "anchor_ms", "ratio", "ours_n",
                "anchor_n");
    for (const auto& c : cases)
    {
        std::vector<double> ours_ms;
        std::vector<double> anchor_ms;
        std::size_t ours_count = 0;
        std::size_t anchor_count = 0;
        bool anchor_ok = true;
        for (int r = 0; r < reps; ++r)
        {
            auto t0 = clock_type::now();
            ours_count = c.ours();
            ours_ms.push_back(std::chrono::duration<double, std::milli>(clock_type::now() - t0).count());
            if (!anchor_ok)
                continue;
            t0 = clock_type::now();
            auto out = run_program(c.anchor, dir);
            anchor_ms.push_back(std::chrono::duration<double, std::milli>(clock_type::now() - t0).count());
            if (!out)
            {
                anchor_ok = false;
                continue;
            }
            anchor_count = c.count_anchor(*out);
        }
        if (anchor_ok)
        {
            const double o = median(ours_ms);
            const double a = median(anchor_ms);
            std::printf("%-22s %10.1f %10.1f %7.2f %10zu %10zu\n", c.name.c_str(), o, a, a > 0 ? o / a : 0.0,
                        ours_count, anchor_count);
        }
        else
            std::printf("%-22s %10.1f %10s %7s %10zu %10s  (%s not runnable)\n", c.name.c_str(),
                        median(ours_ms), "-", "-", ours_count, "-", c.anchor[0].c_str());
        std::fflush(stdout);
    }
    ::close(dir_fd);
    return 0;
}
