// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/console/console_toolset.hpp>

#include "console/system_prompt.hpp"
#include "console/tool_arguments.hpp"
#include "console/tool_catalog.hpp"
#include "console/tool_handlers.hpp"
#include "console/tool_permissions.hpp"

#include <agent_backends/error.hpp>

#include <algorithm>
#include <utility>

namespace agent_backends {
namespace {

const detail::tool_spec& find_tool(const detail::console_state& state, const std::string& name)
{
    auto it = std::find_if(state.specs.begin(), state.specs.end(),
                           [&](const detail::tool_spec& t) { return t.name == name; });
    if (it != state.specs.end())
        return *it;
    std::string available;
    for (const auto& t : state.specs)
        available += (available.empty() ? "" : ", ") + t.name;
    throw error(errc::invalid_argument, "Unknown tool '" + name + "'. Available tools: " + available);
}

// The call proper: the state is shared so the call outlives neither the backend nor the tool list,
// whatever happens to the toolset meanwhile. A refusal by the permission rules is an answer like any
// other tool failure; a cancelled ask is not (operation_aborted is no agent_backends::error).
task<tool_result> dispatch(std::shared_ptr<const detail::console_state> state, std::string name,
                           std::string json, permission_ask_callback ask)
{
    const auto& tool = find_tool(*state, name);
    const detail::tool_arguments args(tool, json);
    try
    {
        if (state->rules)
            co_await detail::authorize(*state->rules, tool, args, std::move(ask));
        co_return co_await detail::run_tool(*state, tool, args);
    }
    catch (const error& e)
    {
        co_return tool_result{.text = "Error: " + e.message(), .is_error = true};
    }
}

}  // namespace

struct console_toolset::impl : detail::console_state
{};

console_toolset::console_toolset(std::shared_ptr<backend> b, console_options opts)
{
    if (!b)
        throw error(errc::invalid_argument, "console_toolset needs a backend");
    auto state = std::make_shared<impl>();
    state->workspace = std::move(b);
    if (opts.permissions)
        state->rules.emplace(*opts.permissions, opts.ask_callback, opts.ask_fallback);
    state->specs = detail::console_tool_specs(opts, state->rules ? &*state->rules : nullptr);
    state->options = std::move(opts);
    for (const auto& spec : state->specs)
        state->definitions.push_back({.name = spec.name,
                                      .description = spec.description,
                                      .input_schema = detail::input_schema_json(spec),
                                      .operation = spec.operation,
                                      .requires_approval = spec.requires_approval,
                                      .input_examples = spec.examples});
    impl_ = std::move(state);
}

console_toolset::~console_toolset() = default;
console_toolset::console_toolset(const console_toolset&) = default;
console_toolset& console_toolset::operator=(const console_toolset&) = default;
console_toolset::console_toolset(console_toolset&&) noexcept = default;
console_toolset& console_toolset::operator=(console_toolset&&) noexcept = default;

const std::vector<tool_definition>& console_toolset::definitions() const noexcept
{
    return impl_->definitions;
}

std::string console_toolset::system_prompt() const
{
    return detail::console_system_prompt(impl_->options.edit_format, impl_->definitions);
}

task<tool_result> console_toolset::call(std::string_view name, std::string_view arguments_json) const
{
    return dispatch(impl_, std::string(name), std::string(arguments_json), {});
}

task<tool_result> console_toolset::call(std::string_view name, std::string_view arguments_json,
                                        permission_ask_callback ask) const
{
    return dispatch(impl_, std::string(name), std::string(arguments_json), std::move(ask));
}

const std::shared_ptr<backend>& console_toolset::workspace() const noexcept
{
    return impl_->workspace;
}

const console_options& console_toolset::options() const noexcept
{
    return impl_->options;
}

}  // namespace agent_backends
