// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "mcp/tool_content.hpp"

#include "core/base64.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

using namespace agent_backends;
using namespace agent_backends::detail;
namespace json = boost::json;

BOOST_AUTO_TEST_SUITE(tool_content)

BOOST_AUTO_TEST_CASE(base64_matches_rfc_4648_vectors)
{
    BOOST_TEST(base64_encode("") == "");
    BOOST_TEST(base64_encode("f") == "Zg==");
    BOOST_TEST(base64_encode("fo") == "Zm8=");
    BOOST_TEST(base64_encode("foo") == "Zm9v");
    BOOST_TEST(base64_encode("foob") == "Zm9vYg==");
    BOOST_TEST(base64_encode("fooba") == "Zm9vYmE=");
    BOOST_TEST(base64_encode("foobar") == "Zm9vYmFy");
    BOOST_TEST(base64_encode(std::string("\xff\xfe\x00", 3)) == "//4A");
}

BOOST_AUTO_TEST_CASE(file_uri_is_absolute_and_percent_encoded)
{
    BOOST_TEST(file_uri("/a/b.pdf") == "file:///a/b.pdf");
    BOOST_TEST(file_uri("rel/x y.pdf") == "file:///rel/x%20y.pdf");
    BOOST_TEST(file_uri("/é#?.pdf") == "file:///%C3%A9%23%3F.pdf");
}

BOOST_AUTO_TEST_CASE(text_result_is_one_text_item)
{
    auto r = call_tool_result({.text = "hi"}, "");
    BOOST_TEST(r == json::parse(R"({"content":[{"type":"text","text":"hi"}],"isError":false})").as_object());
    auto e = call_tool_result({.text = "Error: x", .is_error = true}, "");
    BOOST_TEST(e.at("isError").as_bool());
}

BOOST_AUTO_TEST_CASE(unknown_binary_type_becomes_a_resource_blob)
{
    auto r = call_tool_result({.text = "s", .content = binary_content{"ab", "application/octet-stream"}},
                              "/x.bin");
    const auto& item = r.at("content").as_array().at(1);
    BOOST_TEST(item.at("resource").at("blob").as_string() == "YWI=");
    BOOST_TEST(item.at("resource").at("uri").as_string() == "file:///x.bin");
}

BOOST_AUTO_TEST_SUITE_END()
