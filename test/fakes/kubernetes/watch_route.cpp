// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
// `?watch=true` on pods: a chunked stream of `{"type":...,"object":Pod}` lines, one per chunk, replayed
// from the event history after `resourceVersion` (or `ADDED` for every pod when it is absent or 0), then
// live until `timeoutSeconds`, the client leaving, or the server stopping. A watch moves the pending pods
// it covers on at once (their `MODIFIED` to `Running` follows), as pods start on their own in a cluster.
#include "fakes/common/http_wire.hpp"
#include "fakes/kubernetes/pod_json.hpp"
#include "fakes/kubernetes/pod_selector.hpp"
#include "fakes/kubernetes/routes.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/serialize.hpp>

#include <charconv>
#include <chrono>

namespace asio = boost::asio;
namespace json = boost::json;

namespace agent_backends::test::kubernetes_fake {
namespace {

constexpr std::chrono::seconds linger{2};  // for the client to hang up after the last chunk

std::string event_line(std::string_view type, std::string_view object)
{
    return "{\"type\":\"" + std::string(type) + "\",\"object\":" + std::string(object) + "}\n";
}

const json::object* labels_of(const pod_record& pod)
{
    if (const auto* m = pod.manifest.if_contains("metadata"); m && m->is_object())
        if (const auto* l = m->as_object().if_contains("labels"); l && l->is_object())
            return &l->as_object();
    return nullptr;
}

struct watch_scope
{
    std::string namespace_name;  ///< Empty: all.
    pod_selector selector;

    bool covers(const pod_facts& pod) const
    {
        return (namespace_name.empty() || pod.namespace_name == namespace_name) && selector.matches(pod);
    }
};

class watch_stream
{
public:
    watch_stream(exchange& ex, watch_scope scope, std::uint64_t cursor,
                 std::chrono::steady_clock::time_point deadline)
        : ex_(ex), scope_(std::move(scope)), cursor_(cursor), deadline_(deadline), linger_(ex.ctx->executor)
    {}

    task<void> run(std::vector<std::string> first_lines)
    {
        using namespace asio::experimental::awaitable_operators;
        co_await (stream(std::move(first_lines)) && watch_for_close());
    }

private:
    task<void> stream(std::vector<std::string> lines)
    {
        auto& ctx = *ex_.ctx;
        for (;;)
        {
            take_new_lines(lines);
            for (auto& line : lines)
                if (!client_gone_ &&
                    !co_await ex_.conn->write(http_chunk(ex_.corrupt_json ? invalid_json_body() : line)))
                    client_gone_ = true;
            lines.clear();
            if (client_gone_ || ctx.stopping() || std::chrono::steady_clock::now() >= deadline_)
                break;
            co_await ctx.wait_for_change(deadline_);
        }
        if (!client_gone_ && co_await ex_.conn->write(last_http_chunk()))
        {
            linger_.expires_after(linger);
            co_await linger_.async_wait(asio::as_tuple(asio::use_awaitable));
        }
        ex_.conn->close();
    }

    task<void> watch_for_close()
    {
        co_await ex_.conn->wait_closed();
        client_gone_ = true;
        linger_.cancel();
        ex_.ctx->notify_change();
    }

    void take_new_lines(std::vector<std::string>& out)
    {
        auto& state = ex_.state();
        std::lock_guard lock(state.mutex);
        for (const auto& e : state.events)
            if (e.resource_version > cursor_ && scope_.covers({e.namespace_name, e.name, e.phase, &e.labels}))
                out.push_back(event_line(e.type, e.object));
        cursor_ = state.resource_version;
    }

    exchange& ex_;
    watch_scope scope_;
    std::uint64_t cursor_;
    std::chrono::steady_clock::time_point deadline_;
    asio::steady_timer linger_;
    bool client_gone_{false};
};

}  // namespace

task<reply> watch_pods(exchange& ex, const pod_address& at)
{
    watch_scope scope{.namespace_name = at.namespace_name};
    auto fields = ex.param("fieldSelector");
    if (!at.name.empty())
        fields = "metadata.name=" + at.name + (fields.empty() ? "" : "," + fields);
    if (auto bad = pod_selector::parse(fields, ex.param("labelSelector"), scope.selector))
        co_return status_reply(400, *bad, "BadRequest");
    auto deadline = std::chrono::steady_clock::time_point::max();
    if (auto timeout = ex.param("timeoutSeconds"); !timeout.empty())
    {
        long long seconds = 0;
        std::from_chars(timeout.data(), timeout.data() + timeout.size(), seconds);
        if (seconds > 0)
            deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    }
    auto from = ex.param("resourceVersion");
    std::uint64_t cursor = 0;
    if (!from.empty() && from != "0")
    {
        auto [end, ec] = std::from_chars(from.data(), from.data() + from.size(), cursor);
        if (ec != std::errc() || end != from.data() + from.size())
            co_return status_reply(400, "resourceVersion: Invalid value: \"" + from + "\": must be a number",
                                   "BadRequest");
    }

    std::vector<std::string> first_lines;
    bool started = false;
    {
        auto& state = ex.state();
        std::lock_guard lock(state.mutex);
        if (cursor != 0 && cursor < state.oldest_watchable())
        {
            auto gone = failure_status(
                410,
                "too old resource version: " + from + " (" + std::to_string(state.oldest_watchable()) + ")",
                "Expired");
            first_lines.push_back(event_line("ERROR", json::serialize(gone)));
            cursor = state.resource_version;
        }
        else if (cursor == 0)
        {
            for (const auto& [key, pod] : state.pods)
                if (scope.covers({pod.namespace_name, pod.name, pod.phase, labels_of(pod)}))
                    first_lines.push_back(event_line("ADDED", json::serialize(render_pod(pod))));
            cursor = state.resource_version;
        }
        if (!first_lines.empty() && first_lines.front().starts_with("{\"type\":\"ERROR\""))
            deadline = std::chrono::steady_clock::now();  // the client must start over
        else
            for (auto& [key, pod] : state.pods)
                if (scope.covers({pod.namespace_name, pod.name, pod.phase, labels_of(pod)}))
                    started = state.start(pod) || started;
    }
    if (started)
        ex.ctx->notify_change();
    if (!co_await ex.conn->write(chunked_head("application/json", true)))
        co_return reply{.taken_over = true, .keep_alive = false};
    // Events recorded after the cursor (the pods just started, or anything since `resourceVersion`) follow
    // from the history.
    watch_stream stream(ex, std::move(scope), cursor, deadline);
    co_await stream.run(std::move(first_lines));
    co_return reply{.taken_over = true, .keep_alive = false};
}

}  // namespace agent_backends::test::kubernetes_fake
