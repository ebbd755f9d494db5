// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// Prints every console tool definition, for both edit formats and with execute, as one JSON array:
// [{"edit_format", "name", "description", "input_schema" (an object), "input_examples" (objects)}, ...].
// Schema checkers in other languages read it (test/node/schema_check.mjs).
//
// Usage: print_tool_definitions [OUTPUT-FILE]    (standard output without one)
#include <agent_backends/console/console_toolset.hpp>
#include <agent_backends/state_backend.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <exception>
#include <fstream>
#include <iostream>
#include <memory>
#include <string_view>
#include <utility>

namespace {

namespace json = boost::json;
using namespace agent_backends;

json::array all_definitions()
{
    json::array out;
    const std::pair<edit_format, std::string_view> formats[] = {{edit_format::str_replace, "str_replace"},
                                                                {edit_format::hashline, "hashline"}};
    for (auto [format, format_name] : formats)
    {
        // Definitions do not depend on the backend; an in-memory one is enough to build them.
        console_toolset tools(std::make_shared<state_backend>(),
                              {.include_execute = true, .edit_format = format});
        for (const auto& d : tools.definitions())
        {
            json::array examples;
            for (const auto& e : d.input_examples)
                examples.push_back(json::parse(e));
            out.push_back(json::object{{"edit_format", format_name},
                                       {"name", d.name},
                                       {"description", d.description},
                                       {"input_schema", json::parse(d.input_schema)},
                                       {"input_examples", std::move(examples)}});
        }
    }
    return out;
}

}  // namespace

int main(int argc, char** argv)
{
    try
    {
        const std::string text = json::serialize(all_definitions()) + "\n";
        if (argc < 2)
        {
            std::cout << text;
            return std::cout.flush() ? 0 : 1;
        }
        std::ofstream file(argv[1], std::ios::binary | std::ios::trunc);
        file << text;
        file.close();
        if (!file)
        {
            std::cerr << "print_tool_definitions: cannot write " << argv[1] << "\n";
            return 1;
        }
        return 0;
    }
    catch (const std::exception& e)
    {
        std::cerr << "print_tool_definitions: " << e.what() << "\n";
        return 1;
    }
}
