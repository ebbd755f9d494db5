// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// The wrapper every command of a container sandbox runs in, run here on the machine's shell (dash) and on
// busybox's, without any container: directory, environment, exit status, bounded stdin, the group file.
#include "common/printers.hpp"
#include "common/temp_dir.hpp"
#include "sandboxes/group_exec.hpp"
#include "sandboxes/shell_quote.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <sys/wait.h>

using namespace agent_backends;
using namespace agent_backends::detail;
namespace fs = std::filesystem;

namespace {

struct run_result
{
    int status{-1};
    std::string out;
    std::string err;
};

struct toolset
{
    std::string name;
    std::string path_dir;  ///< Put first on PATH; empty: the machine's PATH.
};

std::vector<toolset> toolsets(const test::temp_dir& dir)
{
    std::vector<toolset> out{{"system", ""}};
    std::string busybox;
    for (const char* candidate : {"/bin/busybox", "/usr/bin/busybox"})
        if (fs::exists(candidate))
            busybox = candidate;
    if (busybox.empty())
    {
        BOOST_TEST_MESSAGE("busybox is not installed here: the wrapper runs with the system's tools only");
        return out;
    }
    auto bin = dir.path() / "busybox-bin";
    fs::create_directories(bin);
    for (const char* applet : {"sh", "setsid", "env", "head", "mkdir", "rm", "cat", "wc", "pwd", "sleep"})
        fs::create_symlink(busybox, bin / applet);
    out.push_back({"busybox", bin.string()});
    return out;
}

/// Runs `argv` with `input` on stdin.
run_result run(const toolset& tools, const test::temp_dir& dir, const std::vector<std::string>& argv,
               const std::string& input = {})
{
    dir.write("in", input);
    std::string line = tools.path_dir.empty() ? "" : "PATH=" + shell_quote(tools.path_dir) + " ";
    for (const auto& argument : argv)
        line += shell_quote(argument) + " ";
    const auto base = dir.path().string();
    line += "<" + shell_quote(base + "/in") + " >" + shell_quote(base + "/out") + " 2>" +
            shell_quote(base + "/err");
    int status = std::system(line.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, dir.read("out"), dir.read("err")};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(shell_sandbox_wrapper)

BOOST_AUTO_TEST_CASE(the_wrapper_enters_the_directory_sets_the_environment_and_keeps_the_status)
{
    test::temp_dir dir;
    dir.write("work/keep", "");
    const auto work = (dir.path() / "work").string();
    for (const auto& tools : toolsets(dir))
    {
        BOOST_TEST_CONTEXT(tools.name)
        {
            auto r = run(tools, dir,
                         group_exec_command("t1", "pwd; echo \"$A|$B\"; echo err >&2; exit 7", work,
                                            std::nullopt, {"A=two words", "B=$HOME 'q'"}));
            BOOST_TEST(r.status == 7);
            BOOST_TEST(r.out == work + "\ntwo words|$HOME 'q'\n");
            BOOST_TEST(r.err == "err\n");
            BOOST_TEST(!fs::exists("/tmp/.agent-backends/t1.pgid"));  // removed once the command ended
        }
    }
}

BOOST_AUTO_TEST_CASE(without_a_directory_the_wrapper_stays_where_it_starts)
{
    test::temp_dir dir;
    for (const auto& tools : toolsets(dir))
    {
        BOOST_TEST_CONTEXT(tools.name)
        {
            auto r = run(tools, dir, group_exec_command("t2", "echo started", ""));
            BOOST_TEST(r.status == 0);
            BOOST_TEST(r.out == "started\n");
        }
    }
}

BOOST_AUTO_TEST_CASE(a_directory_it_cannot_enter_is_reported_by_a_marker_and_status_126)
{
    test::temp_dir dir;
    dir.write("file", "x");
    for (const auto& tools : toolsets(dir))
    {
        BOOST_TEST_CONTEXT(tools.name)
        {
            auto missing =
                run(tools, dir, group_exec_command("t3", "echo ran", (dir.path() / "nope").string()));
            BOOST_TEST(missing.status == working_dir_status);
            BOOST_TEST(missing.out == "");
            BOOST_TEST(missing.err == working_dir_missing_marker);
            auto file = run(tools, dir, group_exec_command("t3", "echo ran", (dir.path() / "file").string()));
            BOOST_TEST(file.status == working_dir_status);
            BOOST_TEST(file.err == working_dir_not_dir_marker);
        }
    }
}

BOOST_AUTO_TEST_CASE(bounded_stdin_gives_the_command_exactly_that_many_bytes)
{
    test::temp_dir dir;
    for (const auto& tools : toolsets(dir))
    {
        BOOST_TEST_CONTEXT(tools.name)
        {
            auto r = run(tools, dir, group_exec_command("t4", "cat; echo; echo end", "", 5), "abcdefghij");
            BOOST_TEST(r.status == 0);
            BOOST_TEST(r.out == "abcde\nend\n");
            auto all = run(tools, dir, group_exec_command("t4", "wc -c", ""), std::string(1000, 'x'));
            BOOST_TEST(all.out.find("1000") != std::string::npos, all.out);
        }
    }
}

BOOST_AUTO_TEST_CASE(the_kill_command_has_nothing_to_do_without_a_recorded_group)
{
    test::temp_dir dir;
    for (const auto& tools : toolsets(dir))
    {
        BOOST_TEST_CONTEXT(tools.name)
        {
            auto r = run(tools, dir, group_kill_command("never-started", std::chrono::milliseconds(100)));
            BOOST_TEST(r.status == 3);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
