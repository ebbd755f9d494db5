// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#include <agent_backends/detail/run_blocking.hpp>
#include <agent_backends/sync_backend.hpp>

#include <boost/asio/associated_cancellation_slot.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

#include <atomic>
#include <exception>
#include <memory>

namespace asio = boost::asio;

namespace agent_backends {
namespace {

// The stop flag of the blocking call running on this thread, if any.
thread_local const std::atomic<bool>* current_stop_flag = nullptr;

class stop_flag_scope
{
public:
    explicit stop_flag_scope(const std::atomic<bool>* flag) noexcept : previous_(current_stop_flag)
    {
        current_stop_flag = flag;
    }
    ~stop_flag_scope() { current_stop_flag = previous_; }
    stop_flag_scope(const stop_flag_scope&) = delete;
    stop_flag_scope& operator=(const stop_flag_scope&) = delete;

private:
    const std::atomic<bool>* previous_;
};

}  // namespace

bool cancellation_requested() noexcept
{
    return current_stop_flag != nullptr && current_stop_flag->load(std::memory_order_relaxed);
}

void throw_if_cancellation_requested()
{
    if (cancellation_requested())
        throw boost::system::system_error(asio::error::operation_aborted);
}

namespace detail {

task<void> run_blocking_erased(asio::any_io_executor pool, std::function<void()> fn)
{
    // Shared with the cancellation handler, which may outlive this frame's view of it.
    auto stop = std::make_shared<std::atomic<bool>>(false);

    auto initiate = [pool, stop, fn = std::move(fn)](auto handler) mutable {
        auto slot = asio::get_associated_cancellation_slot(handler);
        if (slot.is_connected())
            slot.assign([stop](asio::cancellation_type type) {
                if (type != asio::cancellation_type::none)
                    stop->store(true, std::memory_order_relaxed);
            });
        // Tracked work keeps the caller's io_context from returning out of run() (and being destroyed) until
        // this pool thread has finished handing the completion over.
        auto caller = asio::prefer(asio::get_associated_executor(handler), asio::execution::outstanding_work.tracked);
        asio::post(pool, [stop, fn = std::move(fn), handler = std::move(handler), caller = std::move(caller)]() mutable {
            std::exception_ptr failure;
            {
                stop_flag_scope scope(stop.get());
                try
                {
                    fn();
                }
                catch (...)
                {
                    failure = std::current_exception();
                }
            }
            if (stop->load(std::memory_order_relaxed))
                failure = std::make_exception_ptr(boost::system::system_error(asio::error::operation_aborted));
            asio::dispatch(caller, [handler = std::move(handler), failure]() mutable {
                auto slot = asio::get_associated_cancellation_slot(handler);
                if (slot.is_connected())
                    slot.clear();
                std::move(handler)(failure);
            });
        });
    };
    co_await asio::async_initiate<const asio::use_awaitable_t<>, void(std::exception_ptr)>(std::move(initiate),
                                                                                         asio::use_awaitable);
}

}  // namespace detail
}  // namespace agent_backends
