// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
//
// Our grep and glob against ripgrep and fd on one tree with nested ignore files, negations, a nested
// repository, hidden and binary files: same files, same line numbers.
#include <agent_backends/detail/tree_search.hpp>

#include "common/printers.hpp"
#include "unit/search/search_tree.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

using agent_backends::test::search_tree;
namespace detail = agent_backends::detail;
using string_set = std::set<std::string>;

namespace {

/// The first of `names` found on PATH.
std::optional<std::string> find_program(std::initializer_list<const char*> names)
{
    const char* path = std::getenv("PATH");
    if (!path)
        return std::nullopt;
    for (const char* name : names)
    {
        std::string dirs = path;
        std::size_t pos = 0;
        while (pos <= dirs.size())
        {
            auto colon = dirs.find(':', pos);
            if (colon == std::string::npos)
                colon = dirs.size();
            const auto candidate = dirs.substr(pos, colon - pos) + "/" + name;
            if (::access(candidate.c_str(), X_OK) == 0)
                return candidate;
            pos = colon + 1;
        }
    }
    return std::nullopt;
}

/// Standard output of `argv` run in `dir` with HOME and XDG_CONFIG_HOME pointing at `home` (no user
/// configuration or global ignore file can leak in).
std::string run_in(const std::string& dir, const std::string& home, const std::vector<std::string>& argv)
{
    int fds[2];
    BOOST_TEST_REQUIRE(::pipe2(fds, O_CLOEXEC) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
    posix_spawn_file_actions_addchdir_np(&actions, dir.c_str());
    std::vector<char*> args;
    for (const auto& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    std::vector<std::string> env_strings = {
        "HOME=" + home, "XDG_CONFIG_HOME=" + home + "/.config",
        "PATH=" + std::string(std::getenv("PATH") ? std::getenv("PATH") : "")};
    std::vector<char*> env;
    for (auto& e : env_strings)
        env.push_back(e.data());
    env.push_back(nullptr);
    pid_t pid = 0;
    const int rc = ::posix_spawn(&pid, args[0], &actions, nullptr, args.data(), env.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    BOOST_TEST_REQUIRE(rc == 0);
    std::string out;
    char buf[4096];
    for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;)
        out.append(buf, static_cast<std::size_t>(n));
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    BOOST_TEST_REQUIRE(WIFEXITED(status));
    BOOST_TEST_REQUIRE(WEXITSTATUS(status) <= 1);  // 1: rg found nothing
    return out;
}

std::vector<std::string> lines_of(const std::string& out)
{
    std::vector<std::string> lines;
    std::size_t pos = 0;
    while (pos < out.size())
    {
        auto nl = out.find('\n', pos);
        if (nl == std::string::npos)
            nl = out.size();
        lines.push_back(out.substr(pos, nl - pos));
        pos = nl + 1;
    }
    return lines;
}

/// `path:line` from rg's `path:line:text` lines.
string_set rg_hits(const std::string& out)
{
    string_set hits;
    for (auto line : lines_of(out))
    {
        if (line.starts_with("./"))
            line.erase(0, 2);
        const auto first = line.find(':');
        const auto second = line.find(':', first + 1);
        if (first != std::string::npos && second != std::string::npos)
            hits.insert(line.substr(0, second));
    }
    return hits;
}

string_set fd_files(const std::string& out)
{
    string_set files;
    for (auto line : lines_of(out))
    {
        if (line.starts_with("./"))
            line.erase(0, 2);
        if (!line.empty())
            files.insert(line);
    }
    return files;
}

/// A git work tree (a `.git` directory is all ripgrep and fd look for) exercising every ignore rule.
void build_tree(search_tree& t)
{
    t.mkdir(".git/info");
    t.write(".git/info/exclude", "*.bak\n");
    t.write(".gitignore",
            "# build output\n*.log\nbuild/\n/top-only.txt\n!important.log\ndocs/gen/\ntrailing.txt   \n");
    t.write(".ignore", "*.secret\n");
    t.write("src/.gitignore", "generated_*.c\n!generated_keep.c\n");
    t.write("src/a.c", "int needle;\nint other;\n// needle again\n");
    t.write("src/b.py", "needle = 1\r\nx = 2\r\nNEEDLE = 3\r\n");
    t.write("src/generated_x.c", "needle\n");
    t.write("src/generated_keep.c", "needle\n");
    t.write("src/deep/more/c.c", "x\ny\nneedle\n");
    t.write("src/deep/.ignore", "!*.secret\n");
    t.write("src/deep/ok.secret", "needle\n");
    t.write("build/out.c", "needle\n");
    t.write("sub/build/x.c", "needle\n");
    t.write("top-only.txt", "needle\n");
    t.write("sub/top-only.txt", "needle\n");
    t.write("app.log", "needle\n");
    t.write("important.log", "needle\n");
    t.write("x.secret", "needle\n");
    t.write("z.bak", "needle\n");
    t.write("trailing.txt", "needle\n");
    t.write(".hidden/a.c", "needle\n");
    t.write(".hidden.c", "needle\n");
    t.write("bin.dat", std::string("needle\n\0\x01", 9));
    t.write("docs/gen/g.c", "needle\n");
    t.write("docs/d.c", "Needle\nneedle\n");
    t.write("nested/.git/HEAD", "ref: refs/heads/main\n");
    t.write("nested/x.log", "needle\n");
    t.write("nested/.gitignore", "*.tmp\n");
    t.write("nested/y.tmp", "needle\n");
    t.write("unicode.txt",
            "\xC3\x9Cn\xC3\xAF"
            "c\xC3\xB6"
            "d\xC3\xA9 needle\n");
    t.write("empty.txt", "");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(rg_fd_parity_tests)

BOOST_AUTO_TEST_CASE(grep_finds_the_same_lines_as_ripgrep)
{
    const auto rg = find_program({"rg"});
    if (!rg)
    {
        BOOST_TEST_MESSAGE("skipped: ripgrep (rg) is not installed");
        return;
    }
    search_tree t;
    build_tree(t);
    const auto home = (t.dir().path() / ".git/fake-home").string();
    t.mkdir(".git/fake-home");
    struct grep_case
    {
        detail::grep_query ours;
        std::vector<std::string> rg_args;
    };
    const std::vector<grep_case> cases = {
        {{.pattern = "needle"}, {"needle"}},
        {{.pattern = "ne+dle$"}, {"ne+dle$"}},
        {{.pattern = "NEEDLE", .ignore_case = true}, {"-i", "NEEDLE"}},
        {{.pattern = "needle", .glob = "*.py"}, {"-g", "*.py", "needle"}},
        {{.pattern = "^needle", .ignore_hidden = false}, {"--hidden", "--no-ignore", "^needle"}},
    };
    for (const auto& c : cases)
    {
        std::vector<std::string> argv = {*rg, "--no-config", "--no-ignore-global", "--line-number",
                                         "--no-heading"};
        argv.insert(argv.end(), c.rg_args.begin(), c.rg_args.end());
        auto expected = rg_hits(run_in(t.dir().str(), home, argv));
        if (!c.ours.ignore_hidden)
        {
            // With every ignore rule off, ripgrep also searches the .git directory: our tree's .git holds
            // no needle, so the sets stay comparable.
            BOOST_TEST(std::none_of(expected.begin(), expected.end(),
                                    [](const std::string& h) { return h.starts_with(".git/"); }));
        }
        string_set ours;
        for (const auto& h : detail::grep_files(t.root(), c.ours))
            ours.insert(h.path + ":" + std::to_string(h.line_number));
        BOOST_TEST_CONTEXT("rg " << c.rg_args.front() << " ...")
        {
            BOOST_TEST(!expected.empty());
            BOOST_TEST(ours == expected, boost::test_tools::per_element());
        }
    }
}

BOOST_AUTO_TEST_CASE(glob_finds_the_same_files_as_fd)
{
    const auto fd = find_program({"fdfind", "fd"});
    if (!fd)
    {
        BOOST_TEST_MESSAGE("skipped: fd (fdfind) is not installed");
        return;
    }
    search_tree t;
    build_tree(t);
    const auto home = (t.dir().path() / ".git/fake-home").string();
    t.mkdir(".git/fake-home");
    struct glob_case
    {
        std::string ours;
        std::vector<std::string> fd_args;
    };
    const std::vector<glob_case> cases = {
        {"**/*.c", {"-e", "c"}},
        {"**/*", {}},
        {"src/**/*.c", {"-e", "c", ".", "src"}},
        {"**/*.{log,tmp}", {"-e", "log", "-e", "tmp"}},
    };
    for (const auto& c : cases)
    {
        std::vector<std::string> argv = {*fd, "--type", "f"};
        argv.insert(argv.end(), c.fd_args.begin(), c.fd_args.end());
        const auto expected = fd_files(run_in(t.dir().str(), home, argv));
        string_set ours;
        for (const auto& f : detail::glob_files(t.root(), {.pattern = c.ours}))
            ours.insert(f.path);
        BOOST_TEST_CONTEXT("glob " << c.ours)
        {
            BOOST_TEST(!expected.empty());
            BOOST_TEST(ours == expected, boost::test_tools::per_element());
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
