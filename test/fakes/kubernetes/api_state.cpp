// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include "fakes/kubernetes/api_state.hpp"

#include "fakes/kubernetes/pod_json.hpp"

#include <boost/json/serialize.hpp>
#include <boost/system/system_error.hpp>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <random>

#include <errno.h>
#include <signal.h>
#include <stdlib.h>

namespace agent_backends::test::kubernetes_fake {
namespace {

constexpr std::size_t request_log_limit = 10000;
constexpr std::size_t event_history_limit = 1000;

std::string make_temporary_root()
{
    const char* base = std::getenv("TMPDIR");
    std::string tmpl = std::string(base && *base ? base : "/tmp") + "/fake-kubernetes-XXXXXX";
    if (!::mkdtemp(tmpl.data()))
        throw boost::system::system_error(boost::system::error_code(errno, boost::system::system_category()),
                                          "mkdtemp");
    return tmpl;
}

}  // namespace

api_state::api_state(fake_kubernetes_options opts) : options(std::move(opts))
{
    if (options.root_dir.empty())
    {
        root_ = make_temporary_root();
        own_root_ = true;
    }
    else
    {
        std::filesystem::create_directories(options.root_dir);
        root_ = options.root_dir.string();
    }
}

api_state::~api_state()
{
    kill_all();
    pods.clear();
    if (own_root_)
    {
        std::error_code ignored;
        std::filesystem::remove_all(root_, ignored);
    }
}

pod_record* api_state::find_pod(std::string_view namespace_name, std::string_view name)
{
    auto it = pods.find({std::string(namespace_name), std::string(name)});
    return it == pods.end() ? nullptr : &it->second;
}

pod_record& api_state::add_pod(pod_record pod)
{
    pod.resource_version = ++resource_version;
    auto key = std::make_pair(pod.namespace_name, pod.name);
    auto& stored = pods.insert_or_assign(std::move(key), std::move(pod)).first->second;
    record(stored, "ADDED");
    return stored;
}

bool api_state::start(pod_record& pod)
{
    if (pod.phase != "Pending" || !pod.waiting_reason.empty())
        return false;
    pod.group = std::make_shared<container_group>();
    pod.phase = "Running";
    pod.started_at = now_rfc3339();
    if (const auto* spec = pod.manifest.if_contains("spec"); spec && spec->is_object())
        if (const auto* seconds = spec->as_object().if_contains("activeDeadlineSeconds");
            seconds && seconds->is_int64() && seconds->as_int64() > 0)
            pod.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds->as_int64());
    pod.resource_version = ++resource_version;
    record(pod, "MODIFIED");
    return true;
}

bool api_state::observe(pod_record& pod)
{
    if (pod.phase == "Pending")
    {
        if (pod.reads < options.pending_reads || !pod.waiting_reason.empty())
        {
            ++pod.reads;
            return false;
        }
        return start(pod);
    }
    if (pod.running() && pod.deadline && std::chrono::steady_clock::now() >= *pod.deadline)
    {
        if (pod.group)
            pod.group->signal(SIGKILL);
        pod.group.reset();
        pod.phase = "Failed";
        pod.reason = "DeadlineExceeded";
        pod.exit_code = 137;
        pod.resource_version = ++resource_version;
        record(pod, "MODIFIED");
        return true;
    }
    return false;
}

pod_record api_state::remove(pod_record& pod)
{
    if (pod.group)
        pod.group->signal(SIGKILL);
    pod.group.reset();
    pod.deleted_at = now_rfc3339();
    pod.resource_version = ++resource_version;
    record(pod, "DELETED");
    pod_record gone = std::move(pod);
    pods.erase({gone.namespace_name, gone.name});
    std::error_code ignored;
    std::filesystem::remove_all(gone.root_dir, ignored);
    return gone;
}

void api_state::kill_all()
{
    for (auto& [key, pod] : pods)
        if (pod.group)
            pod.group->signal(SIGKILL);
}

std::uint64_t api_state::oldest_watchable() const
{
    // Every change after the oldest recorded event's predecessor is still known.
    if (events.size() < event_history_limit)
        return 0;
    return events.front().resource_version - 1;
}

void api_state::record(const pod_record& pod, std::string type)
{
    boost::json::object labels;
    if (const auto* metadata = pod.manifest.if_contains("metadata"); metadata && metadata->is_object())
        if (const auto* l = metadata->as_object().if_contains("labels"); l && l->is_object())
            labels = l->as_object();
    events.push_back({pod.resource_version, std::move(type), pod.namespace_name, pod.name, pod.phase,
                      std::move(labels), boost::json::serialize(render_pod(pod))});
    while (events.size() > event_history_limit)
        events.pop_front();
}

void api_state::log_request(fake_request r)
{
    requests.push_back(std::move(r));
    while (requests.size() > request_log_limit)
        requests.pop_front();
}

std::string api_state::make_pod_dir(std::string_view namespace_name, std::string_view name)
{
    auto dir = std::filesystem::path(root_) /
               (std::string(namespace_name) + "_" + std::string(name) + "_" + std::to_string(++dir_counter_));
    std::filesystem::create_directories(dir);
    return dir.string();
}

std::string api_state::random_uid()
{
    static thread_local std::mt19937_64 random{std::random_device{}()};
    auto a = random();
    auto b = random();
    std::array<char, 40> text{};
    // A version 4 UUID, as the API server assigns.
    std::snprintf(text.data(), text.size(), "%08llx-%04llx-4%03llx-%04llx-%012llx",
                  static_cast<unsigned long long>(a >> 32),
                  static_cast<unsigned long long>((a >> 16) & 0xffff),
                  static_cast<unsigned long long>(a & 0xfff),
                  static_cast<unsigned long long>(((b >> 48) & 0x3fff) | 0x8000),
                  static_cast<unsigned long long>(b & 0xffffffffffffULL));
    return text.data();
}

std::string api_state::now_rfc3339()
{
    std::time_t now = std::time(nullptr);
    std::tm utc = {};
    ::gmtime_r(&now, &utc);
    std::array<char, 32> text{};
    std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text.data();
}

}  // namespace agent_backends::test::kubernetes_fake
