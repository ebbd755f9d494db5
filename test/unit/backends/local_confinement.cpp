// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// No operation of a local_directory reads, creates or changes anything outside its root: `..`, absolute
// paths, NUL bytes, symbolic links anywhere on a path, and links swapped in while operations run. Each test
// runs with both resolvers (openat2 and the component-by-component walk).
#include <agent_backends/error.hpp>
#include <agent_backends/local_backend.hpp>

#include "common/printers.hpp"
#include "common/temp_dir.hpp"
#include "local_test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace agent_backends;
using agent_backends::test::failure_of;
using agent_backends::test::for_each_resolver;
using agent_backends::test::snapshot_tree;
using agent_backends::test::temp_dir;

namespace {

const std::string secret = "OUTSIDE SECRET";

/// A workspace and a directory beside it that must stay untouched.
struct fenced_workspace
{
    temp_dir ws;
    temp_dir outside;
    local_directory dir{{.root = ws.str()}};

    fenced_workspace()
    {
        outside.write("secret.txt", secret);
        outside.write("d/f.txt", secret);
    }

    void link(const std::string& target, const std::string& name) const
    {
        fs::create_symlink(target, ws.path() / name);
    }

    std::string outside_path(const std::string& relative) const { return outside.str() + "/" + relative; }
};

void expect_denied(const std::function<void()>& op, const std::string& path)
{
    auto f = failure_of(op);
    BOOST_TEST(f.code == errc::escapes_root, f.message);
    BOOST_TEST(f.message == "Access denied: '" + path + "' is outside the workspace root");
}

/// Every operation on `path` is refused with escapes_root (exists answers false), and nothing outside
/// changes.
void expect_every_operation_denied(fenced_workspace& w, const std::string& path)
{
    BOOST_TEST_CONTEXT("path " << path)
    {
        const auto before = snapshot_tree(w.outside.path());
        expect_denied([&] { w.dir.read(path); }, path);
        expect_denied([&] { w.dir.read_bytes(path); }, path);
        expect_denied([&] { w.dir.write(path, "overwritten"); }, path);
        expect_denied([&] { w.dir.edit(path, {secret, "edited"}); }, path);
        expect_denied([&] { w.dir.ls(path); }, path);
        expect_denied([&] { w.dir.glob("*", path); }, path);
        expect_denied([&] { w.dir.grep({.pattern = "SECRET", .path = path}); }, path);
        BOOST_TEST(!w.dir.exists(path));
        BOOST_TEST(snapshot_tree(w.outside.path()) == before);
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(local_directory_confinement)

BOOST_AUTO_TEST_CASE(dot_dot_above_the_root_is_refused_for_every_operation)
{
    for_each_resolver([] {
        fenced_workspace w;
        const auto up = "../" + fs::path(w.outside.str()).filename().string() + "/secret.txt";
        expect_every_operation_denied(w, up);
        expect_every_operation_denied(w, "/a/../../secret.txt");
        expect_every_operation_denied(w, "/..");
    });
}

BOOST_AUTO_TEST_CASE(dot_dot_that_stays_inside_is_resolved_lexically)
{
    fenced_workspace w;
    w.ws.write("a.txt", "inside");
    BOOST_TEST(w.dir.read_bytes("/sub/../a.txt") == "inside");
    BOOST_TEST(w.dir.read_bytes("sub/deeper/../../a.txt") == "inside");
}

BOOST_AUTO_TEST_CASE(an_absolute_host_path_is_a_path_below_the_root)
{
    for_each_resolver([] {
        fenced_workspace w;
        const auto host = w.outside_path("secret.txt");
        auto f = failure_of([&] { w.dir.read(host); });
        BOOST_TEST(f.code == errc::not_found);
        BOOST_TEST(f.message == "File '" + host + "' not found");
        w.dir.write(host, "inside copy");
        BOOST_TEST(w.ws.read(host.substr(1)) == "inside copy");
        BOOST_TEST(w.outside.read("secret.txt") == secret);
    });
}

BOOST_AUTO_TEST_CASE(a_nul_byte_in_a_path_is_an_invalid_argument)
{
    fenced_workspace w;
    const std::string path("a\0b", 3);
    for (auto f : {failure_of([&] { w.dir.read(path); }), failure_of([&] { w.dir.write(path, "x"); }),
                   failure_of([&] { w.dir.ls(path); }), failure_of([&] { w.dir.exists(path); }),
                   failure_of([&] { w.dir.grep({.pattern = "x", .path = path}); })})
    {
        BOOST_TEST(f.code == errc::invalid_argument);
        BOOST_TEST(f.message == "Invalid path: contains a NUL byte");
    }
}

BOOST_AUTO_TEST_CASE(a_link_in_the_middle_of_a_path_leading_outside_is_refused)
{
    for_each_resolver([] {
        fenced_workspace w;
        w.link(w.outside.str() + "/d", "absolute");
        w.link("../" + fs::path(w.outside.str()).filename().string() + "/d", "relative");
        w.ws.write("sub/x", "x");
        w.link("../../" + fs::path(w.outside.str()).filename().string(), "sub/up");
        expect_every_operation_denied(w, "/absolute/f.txt");
        expect_every_operation_denied(w, "/relative/f.txt");
        expect_every_operation_denied(w, "/sub/up/secret.txt");
        expect_every_operation_denied(w, "/absolute/new/deeper.txt");  // nothing created on the way either
    });
}

BOOST_AUTO_TEST_CASE(a_link_as_the_last_component_leading_outside_is_refused)
{
    for_each_resolver([] {
        fenced_workspace w;
        w.link(w.outside_path("secret.txt"), "absolute.txt");
        w.link("../" + fs::path(w.outside.str()).filename().string() + "/secret.txt", "relative.txt");
        w.link(w.outside.str(), "outdir");
        expect_every_operation_denied(w, "/absolute.txt");
        expect_every_operation_denied(w, "/relative.txt");
        expect_every_operation_denied(w, "/outdir");
        BOOST_TEST(fs::is_symlink(w.ws.path() / "absolute.txt"));  // the link itself is not replaced
    });
}

BOOST_AUTO_TEST_CASE(a_dangling_link_leading_outside_creates_nothing_there)
{
    for_each_resolver([] {
        fenced_workspace w;
        w.link(w.outside_path("created-by-write.txt"), "dangling.txt");
        w.link(w.outside_path("newdir"), "dangling-dir");
        expect_every_operation_denied(w, "/dangling.txt");
        expect_every_operation_denied(w, "/dangling-dir/file.txt");
        BOOST_TEST(!fs::exists(w.outside.path() / "created-by-write.txt"));
        BOOST_TEST(!fs::exists(w.outside.path() / "newdir"));
    });
}

BOOST_AUTO_TEST_CASE(links_that_stay_inside_are_followed)
{
    for_each_resolver([] {
        fenced_workspace w;
        w.ws.write("real/file.txt", "target\n");
        w.link("real", "alias");                                       // relative, to a directory
        w.link("real/file.txt", "file-link.txt");                      // relative, to a file
        w.link(w.dir.root() + "/real/file.txt", "absolute-link.txt");  // absolute host path inside the root
        w.ws.write("sub/x", "x");
        w.link("../real", "sub/up");  // `..` that stays inside

        BOOST_TEST(w.dir.read_bytes("/alias/file.txt") == "target\n");
        BOOST_TEST(w.dir.read_bytes("/file-link.txt") == "target\n");
        BOOST_TEST(w.dir.read_bytes("/absolute-link.txt") == "target\n");
        BOOST_TEST(w.dir.read_bytes("/sub/up/file.txt") == "target\n");
        BOOST_TEST(w.dir.exists("/absolute-link.txt"));
        BOOST_TEST(w.dir.ls("/alias").size() == 1u);
        BOOST_TEST(w.dir.ls("/alias")[0].path == "/alias/file.txt");  // as the caller wrote it
        auto globbed = w.dir.glob("*.txt", "/alias");
        BOOST_REQUIRE(globbed.size() == 1u);
        BOOST_TEST(globbed[0].path == "/alias/file.txt");
        auto hits = w.dir.grep({.pattern = "target", .path = "/sub/up"});
        BOOST_REQUIRE(hits.size() == 1u);
        BOOST_TEST(hits[0].path == "/sub/up/file.txt");
        BOOST_TEST(w.dir.grep({.pattern = "target", .path = "/file-link.txt"}).size() == 1u);

        // Writing through a link replaces the target's content; the link stays a link.
        w.dir.write("/file-link.txt", "via link\n");
        BOOST_TEST(fs::is_symlink(w.ws.path() / "file-link.txt"));
        BOOST_TEST(w.ws.read("real/file.txt") == "via link\n");
        w.dir.edit("/absolute-link.txt", {"via", "through"});
        BOOST_TEST(fs::is_symlink(w.ws.path() / "absolute-link.txt"));
        BOOST_TEST(w.ws.read("real/file.txt") == "through link\n");
        w.dir.write("/alias/new.txt", "new");
        BOOST_TEST(w.ws.read("real/new.txt") == "new");
    });
}

BOOST_AUTO_TEST_CASE(a_dangling_link_inside_is_missing_for_reads_and_created_by_writes)
{
    for_each_resolver([] {
        fenced_workspace w;
        w.link("later/target.txt", "pending.txt");
        auto f = failure_of([&] { w.dir.read("/pending.txt"); });
        BOOST_TEST(f.code == errc::not_found);
        BOOST_TEST(!w.dir.exists("/pending.txt"));
        BOOST_TEST(failure_of([&] { w.dir.edit("/pending.txt", {"a", "b"}); }).code == errc::not_found);
        w.dir.write("/pending.txt", "made");
        BOOST_TEST(fs::is_symlink(w.ws.path() / "pending.txt"));
        BOOST_TEST(w.ws.read("later/target.txt") == "made");
    });
}

BOOST_AUTO_TEST_CASE(a_link_loop_is_refused_with_a_clear_message)
{
    for_each_resolver([] {
        fenced_workspace w;
        w.link("loop-b", "loop-a");
        w.link("loop-a", "loop-b");
        auto f = failure_of([&] { w.dir.read("/loop-a"); });
        BOOST_TEST(f.code == errc::invalid_argument);
        BOOST_TEST(f.message == "Too many levels of symbolic links in '/loop-a'");
        BOOST_TEST(failure_of([&] { w.dir.write("/loop-a/x", "x"); }).code == errc::invalid_argument);
    });
}

BOOST_AUTO_TEST_CASE(listings_show_inside_links_as_their_targets_and_omit_outside_ones)
{
    for_each_resolver([] {
        fenced_workspace w;
        w.ws.write("real/file.txt", "12345");
        w.link("real", "dir-link");
        w.link("real/file.txt", "file-link");
        w.link(w.outside_path("secret.txt"), "outside-file");
        w.link(w.outside.str(), "outside-dir");
        w.link("nowhere", "dangling");
        auto entries = w.dir.ls("/");
        std::vector<std::string> shown;
        for (const auto& e : entries)
            shown.push_back(e.path + (e.is_dir ? "/" : " " + std::to_string(e.size.value_or(0))));
        BOOST_TEST(shown == (std::vector<std::string>{"/dir-link/", "/real/", "/file-link 5"}),
                   boost::test_tools::per_element());
    });
}

BOOST_AUTO_TEST_CASE(searches_do_not_follow_links_out_of_the_root)
{
    for_each_resolver([] {
        fenced_workspace w;
        w.ws.write("in.txt", "SECRET inside\n");
        w.link(w.outside.str(), "outside-dir");
        w.link(w.outside_path("secret.txt"), "outside-file.txt");
        auto hits = w.dir.grep({.pattern = "SECRET"});
        BOOST_REQUIRE(hits.size() == 1u);
        BOOST_TEST(hits[0].path == "/in.txt");
        for (const auto& f : w.dir.glob("**/*"))
            BOOST_TEST(f.path == "/in.txt");
    });
}

/// Keeps exchanging two entries of `dir` (renameat2 RENAME_EXCHANGE, so neither name is ever missing)
/// until stopped: `real` (inside) and `link` (a symlink to `target`, outside) trade places. Should a write
/// replace the link by a file, the link is made again.
class entry_swapper
{
public:
    entry_swapper(fs::path dir, std::string real, std::string link, std::string target)
        : dir_(std::move(dir)),
          real_(std::move(real)),
          link_(std::move(link)),
          target_(std::move(target)),
          thread_([this] { run(); })
    {}
    ~entry_swapper()
    {
        stop_ = true;
        thread_.join();
    }

    long swaps() const { return swaps_; }

private:
    void run()
    {
        const auto a = (dir_ / real_).string();
        const auto b = (dir_ / link_).string();
        while (!stop_)
        {
            if (::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0)
                ++swaps_;
            if (swaps_ % 64 == 0 && !fs::is_symlink(a) && !fs::is_symlink(b))
            {
                std::error_code ec;
                fs::remove(b, ec);
                fs::create_symlink(target_, b, ec);
            }
        }
    }

    fs::path dir_;
    std::string real_;
    std::string link_;
    std::string target_;
    std::atomic<bool> stop_{false};
    std::atomic<long> swaps_{0};
    std::thread thread_;
};

struct race_tally
{
    std::atomic<long> inside{0};
    std::atomic<long> denied{0};
    std::atomic<long> leaked{0};
    std::atomic<long> other{0};
};

/// Whether a thread of \ref hammer has done enough: `rounds` attempts, and both outcomes seen a few
/// times (a denial costs microseconds, a write an fsync, so the counts are uneven), within a bound.
bool enough(const race_tally& t, int attempts, int rounds)
{
    constexpr long each_outcome = 20;
    if (attempts >= rounds * 20)
        return true;
    return attempts >= rounds && t.inside >= each_outcome && t.denied >= each_outcome;
}

/// Reads and writes `path` from two threads, thousands of times, while a swapper runs.
void hammer(local_directory& dir, const std::string& path, int rounds, race_tally& reads, race_tally& writes)
{
    auto classify = [](race_tally& t, const error& e) {
        if (e.condition() == errc::escapes_root)
            ++t.denied;
        else
            ++t.other;
    };
    std::thread reader([&] {
        for (int i = 0; !enough(reads, i, rounds); ++i)
        {
            try
            {
                auto text = (i % 2) ? dir.read_bytes(path) : dir.read(path);
                if (text.find("SECRET") != std::string::npos)
                    ++reads.leaked;
                else
                    ++reads.inside;
            }
            catch (const error& e)
            {
                classify(reads, e);
            }
        }
    });
    std::thread writer([&] {
        for (int i = 0; !enough(writes, i, rounds); ++i)
        {
            try
            {
                dir.write(path, "written " + std::to_string(i));
                ++writes.inside;
            }
            catch (const error& e)
            {
                classify(writes, e);
            }
        }
    });
    reader.join();
    writer.join();
}

void report(const char* what, const race_tally& reads, const race_tally& writes, long swaps)
{
    BOOST_TEST_MESSAGE(what << ": " << swaps << " swaps; reads inside " << reads.inside << ", denied "
                            << reads.denied << ", other " << reads.other << "; writes inside "
                            << writes.inside << ", denied " << writes.denied << ", other " << writes.other);
    BOOST_TEST(reads.leaked == 0);
    BOOST_TEST(reads.other == 0);
    BOOST_TEST(writes.other == 0);
    // Both outcomes seen: the race was really run.
    BOOST_TEST(reads.inside > 0);
    BOOST_TEST(reads.denied > 0);
    BOOST_TEST(writes.inside > 0);
    BOOST_TEST(writes.denied > 0);
}

constexpr int race_rounds = 2000;

BOOST_AUTO_TEST_CASE(a_directory_swapped_for_an_outside_link_mid_path_never_leaks)
{
    for_each_resolver([] {
        fenced_workspace w;
        w.ws.write("d/f.txt", "inside\n");
        w.link(w.outside.str() + "/d", "swap");
        const auto before = snapshot_tree(w.outside.path());
        race_tally reads, writes;
        long swaps = 0;
        {
            entry_swapper swapper(w.ws.path(), "d", "swap", w.outside.str() + "/d");
            hammer(w.dir, "/d/f.txt", race_rounds, reads, writes);
            swaps = swapper.swaps();
        }
        report("directory swap", reads, writes, swaps);
        BOOST_TEST(snapshot_tree(w.outside.path()) == before, "something outside the root changed");
    });
}

BOOST_AUTO_TEST_CASE(a_file_swapped_for_an_outside_link_never_leaks)
{
    for_each_resolver([] {
        fenced_workspace w;
        w.ws.write("d/f.txt", "inside\n");
        w.link(w.outside_path("secret.txt"), "d/swap");
        const auto before = snapshot_tree(w.outside.path());
        race_tally reads, writes;
        long swaps = 0;
        {
            entry_swapper swapper(w.ws.path() / "d", "f.txt", "swap", w.outside_path("secret.txt"));
            hammer(w.dir, "/d/f.txt", race_rounds, reads, writes);
            swaps = swapper.swaps();
        }
        // A write racing a swap may land in the entry that was a link a moment before: it replaces the
        // link (inside the root) and never follows it. Reads then find a file inside again.
        report("file swap", reads, writes, swaps);
        BOOST_TEST(snapshot_tree(w.outside.path()) == before, "something outside the root changed");
    });
}

BOOST_AUTO_TEST_SUITE_END()
