// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// The example calls shipped with each tool definition: well formed, and accepted by the tools.
#include "common/printers.hpp"
#include "console_fixture.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <map>
#include <string>

using namespace agent_backends;
using agent_backends::test::console_on_memory;

namespace {

// The project the examples talk about (see the catalog): line hashes of src/app.py are pinned there.
const std::map<std::string, std::string> example_project{
    {"/src/app.py",
     "import os\n"
     "\n"
     "DEBUG = True\n"
     "\n"
     "\n"
     "def main():\n"
     "    print(\"hello\")\n"
     "    return 0\n"
     "\n"
     "\n"
     "if __name__ == \"__main__\":\n"
     "    main()\n"},
    {"/src/util.py", "import sys\n\n\ndef helper():\n    return 42  # TODO: cache\n"},
    {"/src/web/index.ts", "export const answer = 42;\n"},
    {"/README.md", "# Example\n"},
};

const std::vector<edit_format> both_formats{edit_format::str_replace, edit_format::hashline};

boost::json::object schema_properties(const tool_definition& d)
{
    return boost::json::parse(d.input_schema).as_object().at("properties").as_object();
}

std::vector<std::string> required_of(const tool_definition& d)
{
    const auto schema = boost::json::parse(d.input_schema);
    std::vector<std::string> out;
    for (const auto& r : schema.at("required").as_array())
        out.emplace_back(r.as_string());
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(console_examples)

BOOST_AUTO_TEST_CASE(every_tool_has_at_least_two_examples_one_with_optional_arguments)
{
    for (auto format : both_formats)
    {
        console_toolset tools(std::make_shared<state_backend>(), {.edit_format = format});
        for (const auto& d : tools.definitions())
        {
            BOOST_TEST_CONTEXT("tool " << d.name)
            {
                BOOST_TEST(d.input_examples.size() >= 2u);
                auto properties = schema_properties(d);
                auto required = required_of(d);
                const bool has_optional = properties.size() > required.size();
                bool uses_optional = false;
                for (const auto& example : d.input_examples)
                {
                    auto v = boost::json::parse(example);
                    BOOST_REQUIRE_MESSAGE(v.is_object(), example);
                    for (const auto& [key, value] : v.as_object())
                    {
                        BOOST_TEST(properties.contains(key), key << " in " << example);
                        if (std::find(required.begin(), required.end(), key) == required.end())
                            uses_optional = true;
                    }
                    for (const auto& r : required)
                        BOOST_TEST(v.as_object().contains(r), r << " missing in " << example);
                }
                if (has_optional)
                    BOOST_TEST(uses_optional, "no example uses an optional argument");
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(every_example_call_is_accepted_and_answers)
{
    for (auto format : both_formats)
    {
        console_options opts{.edit_format = format};
        const auto definitions = console_toolset(std::make_shared<state_backend>(), opts).definitions();
        for (const auto& d : definitions)
        {
            for (const auto& example : d.input_examples)
            {
                BOOST_TEST_CONTEXT(d.name << " " << example)
                {
                    console_on_memory c(example_project, opts);  // fresh: examples may change files
                    tool_result r;
                    try
                    {
                        r = c.call(d.name, example);
                    }
                    catch (const error& e)
                    {
                        BOOST_ERROR("the example is refused: " << e.what());
                        continue;
                    }
                    if (d.name == "execute")
                        BOOST_TEST(r.text == "Error: Backend does not support command execution");
                    else
                        BOOST_TEST(!r.is_error, r.text);
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(examples_do_what_they_show)
{
    console_on_memory str_replace(example_project);
    BOOST_TEST(
        str_replace.text("read_file", R"({"path": "/src/app.py", "offset": 5, "limit": 3})") ==
        "     6\tdef main():\n     7\t    print(\"hello\")\n     8\t    return 0\n\n... (4 more lines)");

    console_on_memory hashline(example_project, {.edit_format = edit_format::hashline});
    BOOST_TEST(hashline.text("read_file", R"({"path": "src/app.py", "limit": 8})") ==
               "1:ed|import os\n2:d4|\n3:8f|DEBUG = True\n4:d4|\n5:d4|\n6:08|def main():\n"
               "7:0a|    print(\"hello\")\n8:93|    return 0\n\n... (4 more lines)");
}

BOOST_AUTO_TEST_CASE(definitions_without_execute_keep_the_other_examples)
{
    console_toolset tools(std::make_shared<state_backend>(), {.include_execute = false});
    for (const auto& d : tools.definitions())
        BOOST_TEST(!d.input_examples.empty(), d.name);
}

BOOST_AUTO_TEST_SUITE_END()
