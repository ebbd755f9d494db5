// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/detail/virtual_path.hpp>
#include <agent_backends/error.hpp>

#include "common/printers.hpp"

#include <boost/test/unit_test.hpp>

using namespace agent_backends;
using namespace agent_backends::detail;

BOOST_AUTO_TEST_SUITE(virtual_path)

BOOST_AUTO_TEST_CASE(normalize_collapses_dots_and_slashes_and_refuses_to_climb_above_the_root)
{
    BOOST_TEST(normalize_virtual_path("a") == "/a");
    BOOST_TEST(normalize_virtual_path("./a//b/") == "/a/b");
    BOOST_TEST(normalize_virtual_path("/x/../a") == "/a");
    BOOST_TEST(normalize_virtual_path("") == "/");
    BOOST_TEST(normalize_virtual_path(".") == "/");
    BOOST_CHECK_EXCEPTION(normalize_virtual_path("/a/../../etc"), error,
                          [](const error& e) { return e.condition() == errc::escapes_root; });
    BOOST_CHECK_EXCEPTION(normalize_virtual_path(std::string("a\0b", 3)), error,
                          [](const error& e) { return e.condition() == errc::invalid_argument; });
}

BOOST_AUTO_TEST_CASE(lexically_normal_absolute_stays_at_the_root_when_dots_climb_above_it)
{
    BOOST_TEST(lexically_normal_absolute("/a/./b/../c") == "/a/c");
    BOOST_TEST(lexically_normal_absolute("/../../etc/passwd") == "/etc/passwd");
    BOOST_TEST(lexically_normal_absolute("/a/..") == "/");
    BOOST_TEST(lexically_normal_absolute("//") == "/");
}

BOOST_AUTO_TEST_SUITE_END()
