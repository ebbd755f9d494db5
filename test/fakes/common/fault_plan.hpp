// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_COMMON_FAULT_PLAN_HPP
#define AGENT_BACKENDS_TEST_FAKES_COMMON_FAULT_PLAN_HPP

#include "fakes/common/fake_fault.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace agent_backends::test {

/// True when `path` (no version prefix, no query) matches `pattern` (`*`: one segment, `**`: any number).
bool path_matches(std::string_view pattern, std::string_view path);

/// The armed faults, in the order they were added. Not synchronised: the fake's state mutex guards it.
class fault_plan
{
public:
    void add(fake_fault fault);
    void clear() noexcept { faults_.clear(); }

    /// The fault a request gets, counting it as used; nothing when the request is answered normally.
    std::optional<fake_fault> take(std::string_view method, std::string_view path);

private:
    std::vector<fake_fault> faults_;
};

}  // namespace agent_backends::test

#endif
