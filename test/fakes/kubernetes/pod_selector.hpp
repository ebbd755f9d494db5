// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_FAKES_KUBERNETES_POD_SELECTOR_HPP
#define AGENT_BACKENDS_TEST_FAKES_KUBERNETES_POD_SELECTOR_HPP

// `fieldSelector` and `labelSelector` of list and watch requests: comma-separated equality terms
// (`a=b`, `a==b`, `a!=b`), and for labels also existence (`a`, `!a`). Set-based terms are not read.
#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agent_backends::test::kubernetes_fake {

/// What a selector looks at in a pod.
struct pod_facts
{
    std::string_view namespace_name;
    std::string_view name;
    std::string_view phase;
    const boost::json::object* labels{nullptr};
};

class pod_selector
{
public:
    /// Parses both selectors; the error text (for a 400 `Status`) when one is malformed or names a field
    /// pods do not have.
    static std::optional<std::string> parse(std::string_view field_selector, std::string_view label_selector,
                                            pod_selector& out);

    bool matches(const pod_facts& pod) const;

private:
    enum class op
    {
        equals,
        not_equals,
        exists,
        not_exists,
    };
    struct term
    {
        std::string key;
        op how{op::equals};
        std::string value;
    };

    std::vector<term> fields_;
    std::vector<term> labels_;
};

}  // namespace agent_backends::test::kubernetes_fake

#endif
