// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/kubernetes/pod_selector.hpp"

#include <boost/json/string.hpp>

#include <array>

namespace agent_backends::test::kubernetes_fake {
namespace {

constexpr std::array<std::string_view, 4> pod_fields{"metadata.name", "metadata.namespace", "status.phase",
                                                     "spec.nodeName"};

std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && s.front() == ' ')
        s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ')
        s.remove_suffix(1);
    return s;
}

std::vector<std::string_view> terms_of(std::string_view selector)
{
    std::vector<std::string_view> out;
    while (!selector.empty())
    {
        auto comma = selector.find(',');
        if (auto t = trimmed(selector.substr(0, comma)); !t.empty())
            out.push_back(t);
        if (comma == std::string_view::npos)
            break;
        selector.remove_prefix(comma + 1);
    }
    return out;
}

std::string_view field_value(const pod_facts& pod, std::string_view key)
{
    if (key == "metadata.name")
        return pod.name;
    if (key == "metadata.namespace")
        return pod.namespace_name;
    if (key == "status.phase")
        return pod.phase;
    return "fake-node";  // spec.nodeName
}

}  // namespace

std::optional<std::string> pod_selector::parse(std::string_view field_selector,
                                               std::string_view label_selector, pod_selector& out)
{
    out = {};
    for (auto t : terms_of(field_selector))
    {
        term parsed;
        if (auto at = t.find("!="); at != std::string_view::npos)
            parsed = {std::string(t.substr(0, at)), op::not_equals, std::string(t.substr(at + 2))};
        else if (auto at2 = t.find("=="); at2 != std::string_view::npos)
            parsed = {std::string(t.substr(0, at2)), op::equals, std::string(t.substr(at2 + 2))};
        else if (auto at1 = t.find('='); at1 != std::string_view::npos)
            parsed = {std::string(t.substr(0, at1)), op::equals, std::string(t.substr(at1 + 1))};
        else
            return "invalid selector: '" + std::string(field_selector) + "'; can't understand '" +
                   std::string(t) + "'";
        bool known = false;
        for (auto f : pod_fields)
            known = known || f == parsed.key;
        if (!known)
            return "field label not supported: " + parsed.key;
        out.fields_.push_back(std::move(parsed));
    }
    for (auto t : terms_of(label_selector))
    {
        term parsed;
        if (auto at = t.find("!="); at != std::string_view::npos)
            parsed = {std::string(trimmed(t.substr(0, at))), op::not_equals,
                      std::string(trimmed(t.substr(at + 2)))};
        else if (auto at2 = t.find("=="); at2 != std::string_view::npos)
            parsed = {std::string(trimmed(t.substr(0, at2))), op::equals,
                      std::string(trimmed(t.substr(at2 + 2)))};
        else if (auto at1 = t.find('='); at1 != std::string_view::npos)
            parsed = {std::string(trimmed(t.substr(0, at1))), op::equals,
                      std::string(trimmed(t.substr(at1 + 1)))};
        else if (t.front() == '!')
            parsed = {std::string(trimmed(t.substr(1))), op::not_exists, {}};
        else
            parsed = {std::string(t), op::exists, {}};
        if (parsed.key.empty() || parsed.key.find(' ') != std::string::npos)
            return "unable to parse requirement: found '" + std::string(t) + "', expected: identifier";
        out.labels_.push_back(std::move(parsed));
    }
    return std::nullopt;
}

bool pod_selector::matches(const pod_facts& pod) const
{
    for (const auto& t : fields_)
    {
        bool same = field_value(pod, t.key) == t.value;
        if (same != (t.how == op::equals))
            return false;
    }
    for (const auto& t : labels_)
    {
        const boost::json::value* v = pod.labels ? pod.labels->if_contains(t.key) : nullptr;
        bool present = v && v->is_string();
        bool same = present && v->as_string() == t.value;
        switch (t.how)
        {
            case op::equals:
                if (!same)
                    return false;
                break;
            case op::not_equals:
                if (same)
                    return false;
                break;
            case op::exists:
                if (!present)
                    return false;
                break;
            case op::not_exists:
                if (present)
                    return false;
                break;
        }
    }
    return true;
}

}  // namespace agent_backends::test::kubernetes_fake
