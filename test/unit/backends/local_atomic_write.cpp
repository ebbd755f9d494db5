// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// A write or an edit that fails at any step leaves the old file whole and no temporary file behind.
#include <agent_backends/error.hpp>
#include <agent_backends/local_backend.hpp>

#include <agent_backends/detail/atomic_file_write.hpp>

#include "common/printers.hpp"
#include "common/temp_dir.hpp"
#include "local_test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <cerrno>
#include <filesystem>
#include <string>
#include <vector>

#include <sys/stat.h>

namespace fs = std::filesystem;
using namespace agent_backends;
using agent_backends::detail::write_stage;
using agent_backends::test::entry_names;
using agent_backends::test::failure_of;
using agent_backends::test::temp_dir;

namespace {

// The hook is a plain function: it reads which stage to fail and with what from here.
std::atomic<write_stage> failing_stage{write_stage::opened};
std::atomic<int> failing_errno{0};
std::atomic<int> stages_seen{0};

int fail_at_chosen_stage(write_stage stage) noexcept
{
    ++stages_seen;
    return stage == failing_stage.load() ? failing_errno.load() : 0;
}

/// Installs the hook for one scope.
class injected_fault
{
public:
    injected_fault(write_stage stage, int err)
    {
        failing_stage = stage;
        failing_errno = err;
        stages_seen = 0;
        detail::set_write_fault_hook(&fail_at_chosen_stage);
    }
    ~injected_fault() { detail::set_write_fault_hook(nullptr); }
    injected_fault(const injected_fault&) = delete;
    injected_fault& operator=(const injected_fault&) = delete;
};

const write_stage all_stages[] = {write_stage::opened, write_stage::mid_write, write_stage::before_fsync,
                                  write_stage::before_rename};

const char* name_of(write_stage s)
{
    switch (s)
    {
        case write_stage::opened:
            return "opened";
        case write_stage::mid_write:
            return "mid_write";
        case write_stage::before_fsync:
            return "before_fsync";
        case write_stage::before_rename:
            return "before_rename";
    }
    return "?";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(local_directory_atomic_writes)

BOOST_AUTO_TEST_CASE(a_write_failing_at_any_stage_leaves_the_old_content_and_no_temporary)
{
    for (auto stage : all_stages)
    {
        BOOST_TEST_CONTEXT("failing at " << name_of(stage))
        {
            temp_dir ws;
            local_directory dir({.root = ws.str()});
            const std::string old_content = "old content\nsecond line\n";
            ws.write("sub/file.txt", old_content);
            fs::permissions(ws.path() / "sub/file.txt", fs::perms(0640));
            {
                injected_fault fault(stage, EIO);
                auto f = failure_of([&] { dir.write("/sub/file.txt", std::string(100'000, 'n')); });
                BOOST_TEST(f.code == errc::unavailable);
                BOOST_TEST(f.message == "Cannot write '/sub/file.txt': Input/output error");
                BOOST_TEST(stages_seen.load() >= 1);
            }
            BOOST_TEST(ws.read("sub/file.txt") == old_content);
            BOOST_TEST(entry_names(ws.path() / "sub") == std::vector<std::string>{"file.txt"},
                       boost::test_tools::per_element());
            struct stat st = {};
            ::stat((ws.path() / "sub/file.txt").c_str(), &st);
            BOOST_TEST((st.st_mode & 07777) == 0640u);
        }
    }
}

BOOST_AUTO_TEST_CASE(an_edit_failing_at_any_stage_leaves_the_old_content_and_no_temporary)
{
    for (auto stage : all_stages)
    {
        BOOST_TEST_CONTEXT("failing at " << name_of(stage))
        {
            temp_dir ws;
            local_directory dir({.root = ws.str()});
            ws.write("a.txt", "alpha beta\r\ngamma\r\n");
            {
                injected_fault fault(stage, ENOSPC);
                auto f = failure_of([&] { dir.edit("/a.txt", {"beta", "BETA"}); });
                BOOST_TEST(f.code == errc::unavailable);
                BOOST_TEST(f.message == "No space left on the device to write '/a.txt'");
            }
            BOOST_TEST(ws.read("a.txt") == "alpha beta\r\ngamma\r\n");
            BOOST_TEST(entry_names(ws.path()) == std::vector<std::string>{"a.txt"},
                       boost::test_tools::per_element());
        }
    }
}

BOOST_AUTO_TEST_CASE(a_new_file_failing_at_any_stage_is_not_created)
{
    for (auto stage : all_stages)
    {
        BOOST_TEST_CONTEXT("failing at " << name_of(stage))
        {
            temp_dir ws;
            local_directory dir({.root = ws.str()});
            {
                injected_fault fault(stage, EIO);
                failure_of([&] { dir.write("/new.txt", "content"); });
            }
            BOOST_TEST(entry_names(ws.path()).empty());
        }
    }
}

BOOST_AUTO_TEST_CASE(without_faults_every_stage_is_passed_and_the_write_lands)
{
    temp_dir ws;
    local_directory dir({.root = ws.str()});
    {
        injected_fault fault(write_stage::opened, 0);
        dir.write("/x.txt", "content");
        BOOST_TEST(stages_seen.load() == 4);
    }
    BOOST_TEST(ws.read("x.txt") == "content");
    BOOST_TEST(entry_names(ws.path()) == std::vector<std::string>{"x.txt"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_temporary_file_is_hidden_in_the_same_directory)
{
    // Observed at the last stage: the temporary exists beside the target, named `.NAME.XXXX.tmp`.
    static std::string seen;
    static fs::path watched;
    temp_dir ws;
    watched = ws.path() / "dir";
    local_directory dir({.root = ws.str()});
    ws.write("dir/keep", "");
    detail::set_write_fault_hook([](write_stage s) noexcept {
        if (s == write_stage::before_rename)
            for (const auto& e : fs::directory_iterator(watched))
                if (e.path().filename() != "keep")
                    seen = e.path().filename().string();
        return 0;
    });
    dir.write("/dir/target.txt", "x");
    detail::set_write_fault_hook(nullptr);
    BOOST_TEST(seen.starts_with(".target.txt."), seen);
    BOOST_TEST(seen.ends_with(".tmp"), seen);
}

BOOST_AUTO_TEST_CASE(a_very_long_name_still_gets_a_temporary_within_the_name_limit)
{
    temp_dir ws;
    local_directory dir({.root = ws.str()});
    const std::string name(255, 'n');
    BOOST_TEST(dir.write("/" + name, "x").path == "/" + name);
    BOOST_TEST(ws.read(name) == "x");
}

BOOST_AUTO_TEST_SUITE_END()
