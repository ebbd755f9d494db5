// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// Tool definitions (names, JSON schemas, descriptions, approval flags) and the system prompt.
#include "console_fixture.hpp"

#include "common/printers.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace agent_backends;

namespace {

std::vector<std::string> names_of(const console_toolset& tools)
{
    std::vector<std::string> out;
    for (const auto& d : tools.definitions())
        out.push_back(d.name);
    return out;
}

const tool_definition& definition(const console_toolset& tools, const std::string& name)
{
    const auto& defs = tools.definitions();
    auto it =
        std::find_if(defs.begin(), defs.end(), [&](const tool_definition& d) { return d.name == name; });
    BOOST_REQUIRE(it != defs.end());
    return *it;
}

boost::json::object schema_of(const console_toolset& tools, const std::string& name)
{
    auto v = boost::json::parse(definition(tools, name).input_schema);
    BOOST_REQUIRE(v.is_object());
    return v.as_object();
}

std::vector<std::string> strings(const boost::json::value& array)
{
    std::vector<std::string> out;
    for (const auto& v : array.as_array())
        out.emplace_back(v.as_string());
    return out;
}

std::shared_ptr<backend> memory()
{
    return std::make_shared<state_backend>();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(console_definitions)

BOOST_AUTO_TEST_CASE(default_tools_come_in_a_stable_order)
{
    console_toolset tools(memory());
    BOOST_TEST(names_of(tools) == (std::vector<std::string>{"ls", "read_file", "write_file", "edit_file",
                                                            "glob", "grep", "execute"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(hashline_mode_offers_hashline_edit_instead_of_edit_file)
{
    console_toolset tools(memory(), {.edit_format = edit_format::hashline});
    BOOST_TEST(names_of(tools) == (std::vector<std::string>{"ls", "read_file", "write_file", "hashline_edit",
                                                            "glob", "grep", "execute"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(execute_can_be_left_out)
{
    console_toolset tools(memory(), {.include_execute = false});
    BOOST_TEST(names_of(tools) ==
                   (std::vector<std::string>{"ls", "read_file", "write_file", "edit_file", "glob", "grep"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(every_schema_is_a_closed_object_with_described_properties)
{
    for (auto format : {edit_format::str_replace, edit_format::hashline})
    {
        console_toolset tools(memory(), {.edit_format = format});
        for (const auto& d : tools.definitions())
        {
            BOOST_TEST_CONTEXT("tool " << d.name)
            {
                auto schema = schema_of(tools, d.name);
                BOOST_TEST(schema.at("type").as_string() == "object");
                BOOST_TEST(schema.at("additionalProperties").as_bool() == false);
                const auto& properties = schema.at("properties").as_object();
                BOOST_TEST(!properties.empty());
                auto required = strings(schema.at("required"));
                for (const auto& r : required)
                    BOOST_TEST(properties.contains(r), r << " is required but not a property");
                for (const auto& [name, property] : properties)
                {
                    const auto& p = property.as_object();
                    BOOST_TEST(p.contains("type"), name << " has no type");
                    BOOST_TEST(!p.at("description").as_string().empty(), name << " has no description");
                    bool is_required = std::find(required.begin(), required.end(), name) != required.end();
                    BOOST_TEST(p.contains("default") == !is_required, name << ": a default iff optional");
                }
                BOOST_TEST(!d.description.empty());
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(schemas_state_types_defaults_and_choices)
{
    console_toolset tools(memory());
    auto read = schema_of(tools, "read_file");
    BOOST_TEST(strings(read.at("required")) == std::vector<std::string>{"path"},
               boost::test_tools::per_element());
    const auto& offset = read.at("properties").at("offset").as_object();
    BOOST_TEST(offset.at("type").as_string() == "integer");
    BOOST_TEST(offset.at("default").as_int64() == 0);
    BOOST_TEST(offset.at("minimum").as_int64() == 0);
    BOOST_TEST(read.at("properties").at("limit").at("default").as_int64() == 2000);

    auto grep = schema_of(tools, "grep");
    const auto& props = grep.at("properties").as_object();
    BOOST_TEST(strings(props.at("output_mode").at("enum")) ==
                   (std::vector<std::string>{"files_with_matches", "content", "count"}),
               boost::test_tools::per_element());
    BOOST_TEST(props.at("output_mode").at("default").as_string() == "files_with_matches");
    BOOST_TEST(strings(props.at("path").at("type")) == (std::vector<std::string>{"string", "null"}),
               boost::test_tools::per_element());
    BOOST_TEST(props.at("path").at("default").is_null());
    BOOST_TEST(props.at("ignore_hidden").at("default").as_bool() == true);

    auto ls = schema_of(tools, "ls");
    BOOST_TEST(ls.at("properties").at("path").at("default").as_string() == ".");
    auto execute = schema_of(tools, "execute");
    BOOST_TEST(execute.at("properties").at("timeout").at("default").as_int64() == 120);
    auto edit = schema_of(tools, "edit_file");
    BOOST_TEST(strings(edit.at("required")) == (std::vector<std::string>{"path", "old_string", "new_string"}),
               boost::test_tools::per_element());
    BOOST_TEST(edit.at("properties").at("replace_all").at("default").as_bool() == false);
}

BOOST_AUTO_TEST_CASE(hashline_edit_schema_has_optional_range_end)
{
    console_toolset tools(memory(), {.edit_format = edit_format::hashline});
    auto schema = schema_of(tools, "hashline_edit");
    BOOST_TEST(strings(schema.at("required")) ==
                   (std::vector<std::string>{"path", "start_line", "start_hash", "new_content"}),
               boost::test_tools::per_element());
    const auto& props = schema.at("properties").as_object();
    BOOST_TEST(strings(props.at("end_line").at("type")) == (std::vector<std::string>{"integer", "null"}),
               boost::test_tools::per_element());
    BOOST_TEST(props.at("end_hash").at("default").is_null());
    BOOST_TEST(props.at("insert_after").at("default").as_bool() == false);
}

BOOST_AUTO_TEST_CASE(grep_ignore_hidden_default_follows_the_option)
{
    console_toolset tools(memory(), {.default_ignore_hidden = false});
    BOOST_TEST(schema_of(tools, "grep").at("properties").at("ignore_hidden").at("default").as_bool() ==
               false);
}

BOOST_AUTO_TEST_CASE(definitions_record_operations_and_approval)
{
    console_toolset tools(memory());
    BOOST_TEST(definition(tools, "read_file").operation == "read");
    BOOST_TEST(definition(tools, "edit_file").operation == "edit");
    BOOST_TEST(definition(tools, "execute").operation == "execute");
    BOOST_TEST(!definition(tools, "write_file").requires_approval);
    BOOST_TEST(definition(tools, "execute").requires_approval);
    BOOST_TEST(!definition(tools, "grep").requires_approval);

    console_toolset strict(memory(), {.require_write_approval = true,
                                      .require_execute_approval = false,
                                      .edit_format = edit_format::hashline});
    BOOST_TEST(definition(strict, "write_file").requires_approval);
    BOOST_TEST(definition(strict, "hashline_edit").requires_approval);
    BOOST_TEST(definition(strict, "hashline_edit").operation == "edit");
    BOOST_TEST(!definition(strict, "execute").requires_approval);
    BOOST_TEST(!definition(strict, "ls").requires_approval);
}

BOOST_AUTO_TEST_CASE(descriptions_carry_usage_guidance)
{
    console_toolset tools(memory());
    auto has = [&](const std::string& tool, const std::string& text) {
        return definition(tools, tool).description.find(text) != std::string::npos;
    };
    BOOST_TEST(has("read_file", "before you edit"));
    BOOST_TEST(has("write_file", "prefer `edit_file`"));
    BOOST_TEST(has("edit_file", "`read_file` the file first"));
    BOOST_TEST(has("glob", "**/*.{js,ts,tsx}"));
    BOOST_TEST(has("grep", "files_with_matches"));
    BOOST_TEST(has("grep", "count"));
    BOOST_TEST(has("execute", "`read_file` instead of `cat`"));
    BOOST_TEST(has("execute", "Git safety"));
}

BOOST_AUTO_TEST_CASE(hashline_descriptions_point_to_hashline_edit)
{
    console_toolset tools(memory(), {.edit_format = edit_format::hashline});
    BOOST_TEST(definition(tools, "read_file").description.find("{line_number}:{hash}|{content}") !=
               std::string::npos);
    BOOST_TEST(definition(tools, "write_file").description.find("`edit_file`") == std::string::npos);
    BOOST_TEST(definition(tools, "write_file").description.find("`hashline_edit`") != std::string::npos);
    BOOST_TEST(definition(tools, "hashline_edit").description.find("bottom up") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(descriptions_can_be_overridden_per_tool)
{
    console_toolset tools(memory(), {.descriptions = {{"ls", "List things."}, {"no_such_tool", "ignored"}}});
    BOOST_TEST(definition(tools, "ls").description == "List things.");
    BOOST_TEST(definition(tools, "grep").description.find("Search file contents") == 0u);
}

BOOST_AUTO_TEST_CASE(system_prompt_names_the_tools_of_each_mode)
{
    console_toolset plain(memory());
    auto prompt = plain.system_prompt();
    BOOST_TEST(prompt.find("## Console Tools\n\n") == 0u);
    BOOST_TEST(
        prompt.find("(ls, read_file, write_file, edit_file, glob, grep) and shell execution (execute)") !=
        std::string::npos);

    console_toolset hashline(memory(), {.include_execute = false, .edit_format = edit_format::hashline});
    prompt = hashline.system_prompt();
    BOOST_TEST(prompt.find("## Console Tools — Hashline Edit Mode\n\n") == 0u);
    BOOST_TEST(prompt.find("(ls, read_file, write_file, hashline_edit, glob, grep).") != std::string::npos);
    BOOST_TEST(prompt.find("hashline format") != std::string::npos);
    BOOST_TEST(prompt.find("execute") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(copies_share_definitions_and_backend)
{
    auto store = memory();
    console_toolset original(store, {.include_execute = false});
    console_toolset copy = original;
    BOOST_TEST((copy.definitions() == original.definitions()));
    BOOST_TEST(copy.workspace() == store);
    BOOST_TEST(!copy.options().include_execute);
}

BOOST_AUTO_TEST_CASE(toolset_refuses_a_null_backend)
{
    BOOST_CHECK_THROW(console_toolset(nullptr), error);
}

BOOST_AUTO_TEST_SUITE_END()
