// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/docker_engine.hpp>

#include "common/expect_error.hpp"
#include "common/printers.hpp"
#include "engine_test_support.hpp"
#include "sandboxes/tar_archive.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>

using namespace agent_backends;
using detail::tar_entry;
using test::shared_container;
using test::with_engine;

namespace {

std::string binary_bytes()
{
    std::string s;
    for (int i = 0; i < 70'000; ++i)
        s.push_back(static_cast<char>((i * 31 + i / 256) % 256));
    return s;
}

std::vector<tar_entry> read_archive(const std::string& tar)
{
    std::error_code ec;
    auto entries = detail::read_tar(tar, ec);
    BOOST_TEST_REQUIRE(!ec, ec.message());
    return entries;
}

const tar_entry* find_entry(const std::vector<tar_entry>& entries, const std::string& name)
{
    auto it =
        std::find_if(entries.begin(), entries.end(), [&](const tar_entry& e) { return e.name == name; });
    return it == entries.end() ? nullptr : &*it;
}

const std::string long_name =
    "a-file-name-longer-than-the-hundred-bytes-a-ustar-header-holds-" + std::string(60, 'x') + ".txt";

}  // namespace

BOOST_AUTO_TEST_SUITE(docker_engine_archive, *boost::unit_test::fixture<shared_container>())

BOOST_AUTO_TEST_CASE(put_then_get_round_trips_binary_bytes_and_long_names)
{
    if (!shared_container::host)
        return;
    const auto& id = shared_container::id;
    auto tar = detail::make_tar({{.name = "rt/", .mode = 0755, .is_dir = true},
                                 {.name = "rt/bin.dat", .content = binary_bytes(), .mode = 0640},
                                 {.name = "rt/" + long_name, .content = "long\n"}});
    with_engine(*shared_container::host, [&](docker_engine& engine) -> task<void> {
        co_await engine.put_archive(id, "/tmp", tar);

        auto file = read_archive(co_await engine.get_archive(id, "/tmp/rt/bin.dat", 1 << 20));
        BOOST_TEST_REQUIRE(file.size() == 1u);
        BOOST_TEST(file[0].name == "bin.dat");
        BOOST_TEST((file[0].content == binary_bytes()));
        BOOST_TEST(file[0].mode == 0640u);

        auto dir = read_archive(co_await engine.get_archive(id, "/tmp/rt", 1 << 20));
        BOOST_TEST(find_entry(dir, "rt/") != nullptr);
        const auto* deep = find_entry(dir, "rt/" + long_name);
        BOOST_TEST_REQUIRE(deep != nullptr);
        BOOST_TEST(deep->content == "long\n");

        // The command side sees the same bytes.
        auto r = co_await test::run_exec(
            engine, id, {"sh", "-c", "wc -c < /tmp/rt/bin.dat; cat '/tmp/rt/" + long_name + "'"});
        BOOST_TEST(r.out == "70000\nlong\n");
    });
}

BOOST_AUTO_TEST_CASE(get_of_a_missing_path_is_not_found)
{
    if (!shared_container::host)
        return;
    std::string message;
    auto code = test::error_of(
        [&] {
            with_engine(*shared_container::host, [](docker_engine& e) {
                return e.get_archive(shared_container::id, "/no/such/file", 1 << 20);
            });
        },
        message);
    BOOST_TEST(code == errc::not_found);
    BOOST_TEST(message.find("/no/such/file") != std::string::npos, message);
}

BOOST_AUTO_TEST_CASE(get_beyond_max_bytes_is_too_large)
{
    if (!shared_container::host)
        return;
    const auto& id = shared_container::id;
    auto tar = detail::make_tar({{.name = "big.bin", .content = std::string(300'000, 'b')}});
    std::string message;
    auto code = test::error_of(
        [&] {
            with_engine(*shared_container::host, [&](docker_engine& e) -> task<std::string> {
                co_await e.put_archive(id, "/tmp", tar);
                co_return co_await e.get_archive(id, "/tmp/big.bin", 100'000);
            });
        },
        message);
    BOOST_TEST(code == errc::too_large);
    BOOST_TEST(message.find("/tmp/big.bin") != std::string::npos, message);
}

BOOST_AUTO_TEST_CASE(stat_path_reports_files_directories_and_absence)
{
    if (!shared_container::host)
        return;
    const auto& id = shared_container::id;
    with_engine(*shared_container::host, [&](docker_engine& engine) -> task<void> {
        co_await engine.put_archive(id, "/tmp",
                                    detail::make_tar({{.name = "stat/", .is_dir = true},
                                                      {.name = "stat/f.txt", .content = "12345"}}));
        auto file = co_await engine.stat_path(id, "/tmp/stat/f.txt");
        BOOST_TEST_REQUIRE(file.has_value());
        BOOST_TEST(file->name == "f.txt");
        BOOST_TEST(file->size == 5u);
        BOOST_TEST(!file->is_dir());
        BOOST_TEST(!file->mtime.empty());

        auto dir = co_await engine.stat_path(id, "/tmp/stat");
        BOOST_TEST_REQUIRE(dir.has_value());
        BOOST_TEST(dir->is_dir());

        BOOST_TEST(!(co_await engine.stat_path(id, "/tmp/stat/none")).has_value());
    });
}

BOOST_AUTO_TEST_CASE(names_needing_escapes_reach_the_right_path)
{
    if (!shared_container::host)
        return;
    const auto& id = shared_container::id;
    with_engine(*shared_container::host, [&](docker_engine& engine) -> task<void> {
        co_await engine.put_archive(id, "/tmp",
                                    detail::make_tar({{.name = "odd dir/", .is_dir = true},
                                                      {.name = "odd dir/a&b=c?.txt", .content = "odd"}}));
        auto entries = read_archive(co_await engine.get_archive(id, "/tmp/odd dir/a&b=c?.txt", 1 << 20));
        BOOST_TEST_REQUIRE(entries.size() == 1u);
        BOOST_TEST(entries[0].name == "a&b=c?.txt");
        BOOST_TEST(entries[0].content == "odd");
    });
}

BOOST_AUTO_TEST_CASE(put_into_a_missing_container_is_not_found)
{
    if (!shared_container::host)
        return;
    BOOST_TEST(test::error_of([&] {
                   with_engine(*shared_container::host, [](docker_engine& e) {
                       return e.put_archive("no-such-container", "/tmp", detail::make_tar({{.name = "a"}}));
                   });
               }) == errc::not_found);
}

BOOST_AUTO_TEST_SUITE_END()
