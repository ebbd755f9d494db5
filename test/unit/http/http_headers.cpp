// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/http/http_headers.hpp>

#include <boost/test/unit_test.hpp>

using namespace agent_backends;

BOOST_AUTO_TEST_SUITE(http_headers_fields)

BOOST_AUTO_TEST_CASE(find_ignores_case_and_returns_the_first_value)
{
    http_headers h{{"Content-Type", "application/json"}, {"X-A", "1"}, {"x-a", "2"}};
    BOOST_TEST(h.find("content-type").value_or("") == "application/json");
    BOOST_TEST(h.find("X-A").value_or("") == "1");
    BOOST_TEST(!h.find("Missing"));
    BOOST_TEST(h.contains("CONTENT-TYPE"));
    BOOST_TEST(h.size() == 3u);
}

BOOST_AUTO_TEST_CASE(set_replaces_every_field_of_the_name_and_erase_counts)
{
    http_headers h{{"X-A", "1"}, {"Other", "o"}, {"x-a", "2"}};
    h.set("X-a", "3");
    BOOST_TEST(h.size() == 2u);
    BOOST_TEST(h.find("x-A").value_or("") == "3");
    h.add("X-A", "4");
    BOOST_TEST(h.erase("X-A") == 2u);
    BOOST_TEST(h.size() == 1u);
    BOOST_TEST(h.begin()->first == "Other");
}

BOOST_AUTO_TEST_SUITE_END()
