// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_CONSOLE_FIXTURE_HPP
#define AGENT_BACKENDS_TEST_CONSOLE_FIXTURE_HPP

#include <agent_backends/console/console_toolset.hpp>
#include <agent_backends/error.hpp>
#include <agent_backends/state_backend.hpp>

#include "common/run_task.hpp"

#include <boost/test/unit_test.hpp>

#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace agent_backends {

inline std::ostream& operator<<(std::ostream& os, const tool_result& r)
{
    os << "{is_error=" << r.is_error << ", text=" << r.text;
    if (r.content)
        os << ", content=" << r.content->mime_type << " " << r.content->data.size() << " bytes";
    return os << "}";
}

}  // namespace agent_backends

namespace agent_backends::test {

/// A console toolset over an in-memory backend holding `files`.
struct console_on_memory
{
    explicit console_on_memory(const std::map<std::string, std::string>& files = {},
                               console_options opts = {})
        : store(std::make_shared<state_backend>(files)), tools(store, std::move(opts))
    {}

    /// Runs one call; returns the tool's result (usage errors are thrown).
    tool_result call(std::string_view name, std::string_view json)
    {
        return run_task(tools.call(name, json));
    }

    /// The text of a call that must succeed.
    std::string text(std::string_view name, std::string_view json)
    {
        auto r = call(name, json);
        BOOST_TEST(!r.is_error, "unexpected tool error: " << r.text);
        return r.text;
    }

    /// The text of a call that must answer a tool error.
    std::string error_text(std::string_view name, std::string_view json)
    {
        auto r = call(name, json);
        BOOST_TEST(r.is_error, "expected a tool error, got: " << r.text);
        return r.text;
    }

    std::string content_of(const std::string& path) { return store->snapshot().at(path); }

    std::shared_ptr<state_backend> store;
    console_toolset tools;
};

/// The message of the usage error (`invalid_argument`) a call throws.
inline std::string usage_error(console_toolset& tools, std::string_view name, std::string_view json)
{
    try
    {
        auto r = run_task(tools.call(name, json));
        BOOST_FAIL("expected a usage error, got: " << r.text);
    }
    catch (const error& e)
    {
        BOOST_TEST(e.condition() == errc::invalid_argument);
        return e.what();
    }
    return {};
}

}  // namespace agent_backends::test

#endif
