// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/detail/run_blocking.hpp>
#include <agent_backends/ensure_async.hpp>

#include <string>
#include <utility>

namespace asio = boost::asio;

namespace agent_backends {
namespace {

// Each method copies its views into owned strings before the first suspension (the caller's buffers may
// be gone by the time the pool runs the call), then runs the synchronous call on the pool.
class async_adapter final : public backend
{
public:
    async_adapter(std::shared_ptr<sync_backend> sync, asio::any_io_executor pool)
        : sync_(std::move(sync)), pool_(std::move(pool))
    {
    }

    task<bool> exists(std::string_view path) override
    {
        return call([p = std::string(path)](sync_backend& b) { return b.exists(p); });
    }

    task<std::vector<file_info>> ls(std::string_view path) override
    {
        return call([p = std::string(path)](sync_backend& b) { return b.ls(p); });
    }

    task<std::string> read(std::string_view path, read_options opts) override
    {
        return call([p = std::string(path), opts](sync_backend& b) { return b.read(p, opts); });
    }

    task<std::string> read_bytes(std::string_view path) override
    {
        return call([p = std::string(path)](sync_backend& b) { return b.read_bytes(p); });
    }

    task<write_result> write(std::string_view path, std::string_view content) override
    {
        return call([p = std::string(path), c = std::string(content)](sync_backend& b) { return b.write(p, c); });
    }

    task<edit_result> edit(std::string_view path, edit_request req) override
    {
        return call([p = std::string(path), r = std::move(req)](sync_backend& b) { return b.edit(p, r); });
    }

    task<std::vector<file_info>> glob(std::string_view pattern, std::string_view path) override
    {
        return call([pat = std::string(pattern), p = std::string(path)](sync_backend& b) { return b.glob(pat, p); });
    }

    task<std::vector<grep_match>> grep(grep_request req) override
    {
        return call([r = std::move(req)](sync_backend& b) { return b.grep(r); });
    }

private:
    // Not a coroutine itself: the lambda (holding the owned copies) is moved into the coroutine frame.
    template <class F>
    auto call(F fn) -> task<std::invoke_result_t<F&, sync_backend&>>
    {
        return run(sync_, pool_, std::move(fn));
    }

    template <class F>
    static auto run(std::shared_ptr<sync_backend> sync, asio::any_io_executor pool, F fn)
        -> task<std::invoke_result_t<F&, sync_backend&>>
    {
        co_return co_await detail::run_blocking(std::move(pool), [&] { return fn(*sync); });
    }

    std::shared_ptr<sync_backend> sync_;
    asio::any_io_executor pool_;
};

}  // namespace

std::shared_ptr<backend> ensure_async(std::shared_ptr<sync_backend> sync, asio::any_io_executor pool)
{
    return std::make_shared<async_adapter>(std::move(sync), std::move(pool));
}

}  // namespace agent_backends
