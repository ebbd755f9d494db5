// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_SESSION_MANAGER_FAKE_SANDBOX_HPP
#define AGENT_BACKENDS_TEST_SESSION_MANAGER_FAKE_SANDBOX_HPP

// A sandbox that only keeps books: how often it was made, started and stopped, how many starts overlapped,
// and an activity time and liveness the test sets.

#include <agent_backends/error.hpp>
#include <agent_backends/sandboxes/session_manager.hpp>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace agent_backends::test {

/// How the fakes a factory makes behave.
struct fake_behaviour
{
    std::chrono::milliseconds start_delay{0};  ///< start() waits this long on a timer.
    bool fail_start{false};
    bool fail_stop{false};
    std::optional<std::chrono::seconds> idle_timeout{};
    bool tracks_activity{true};  ///< false: last_activity() is empty.
};

/// What every fake of one factory adds up to.
struct fake_books
{
    std::atomic<int> made{0};
    std::atomic<int> starts{0};
    std::atomic<int> stops{0};
    std::atomic<int> starting_now{0};
    std::atomic<int> most_starting_at_once{0};
    std::atomic<int> destroyed{0};
};

class fake_sandbox final : public sandbox
{
public:
    fake_sandbox(std::string id, std::shared_ptr<fake_books> books, fake_behaviour behaviour)
        : id_(std::move(id)), books_(std::move(books)), behaviour_(behaviour)
    {
        ++books_->made;
    }
    ~fake_sandbox() override { ++books_->destroyed; }

    std::string_view id() const override { return id_; }

    task<void> start() override
    {
        ++books_->starts;
        const int now = ++books_->starting_now;
        int most = books_->most_starting_at_once;
        while (now > most && !books_->most_starting_at_once.compare_exchange_weak(most, now))
        {}
        struct leave
        {
            fake_books& books;
            ~leave() { --books.starting_now; }
        } on_exit{*books_};
        if (behaviour_.start_delay.count() > 0)
        {
            boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor,
                                            behaviour_.start_delay);
            co_await timer.async_wait(boost::asio::use_awaitable);
        }
        if (behaviour_.fail_start)
            throw error(errc::unavailable, "start failed for " + id_);
        started = true;
    }

    task<void> stop() override
    {
        ++books_->stops;
        stopped = true;
        if (behaviour_.fail_stop)
            throw error(errc::unavailable, "stop failed for " + id_);
        co_return;
    }

    task<bool> is_alive() override { co_return alive; }

    std::optional<std::chrono::steady_clock::time_point> last_activity() const noexcept override
    {
        if (!behaviour_.tracks_activity)
            return std::nullopt;
        return activity;
    }

    std::optional<std::chrono::seconds> idle_timeout() const noexcept override
    {
        return behaviour_.idle_timeout;
    }

    /// Pretends the last operation ran `ago`.
    void idle_for(std::chrono::steady_clock::duration ago)
    {
        activity = std::chrono::steady_clock::now() - ago;
    }

    // Not used by the manager.
    task<bool> exists(std::string_view) override { throw unused(); }
    task<std::vector<file_info>> ls(std::string_view) override { throw unused(); }
    task<std::string> read(std::string_view, read_options) override { throw unused(); }
    task<std::string> read_bytes(std::string_view) override { throw unused(); }
    task<write_result> write(std::string_view, std::string_view) override { throw unused(); }
    task<edit_result> edit(std::string_view, edit_request) override { throw unused(); }
    task<std::vector<file_info>> glob(std::string_view, std::string_view) override { throw unused(); }
    task<std::vector<grep_match>> grep(grep_request) override { throw unused(); }
    task<execute_response> execute(std::string_view, execute_options) override { throw unused(); }
    task<std::shared_ptr<background_job>> start_background(std::string_view, execute_options) override
    {
        throw unused();
    }

    bool alive{true};
    bool started{false};
    bool stopped{false};
    std::chrono::steady_clock::time_point activity{std::chrono::steady_clock::now()};

private:
    static error unused() { return error(errc::not_supported, "not used by these tests"); }

    std::string id_;
    std::shared_ptr<fake_books> books_;
    fake_behaviour behaviour_;
};

/// A factory of fakes that remembers what it made (the latest fake per id) and which runtime it was given.
class fake_factory
{
public:
    explicit fake_factory(fake_behaviour behaviour = {}) { state_->behaviour = behaviour; }

    /// Behaviour of the fakes made from now on.
    void behave(fake_behaviour behaviour)
    {
        std::lock_guard guard(state_->mutex);
        state_->behaviour = behaviour;
    }

    sandbox_factory make()
    {
        return [state = state_](std::string_view id, const std::optional<runtime_config>& runtime) {
            std::lock_guard guard(state->mutex);
            auto box = std::make_shared<fake_sandbox>(std::string(id), state->books, state->behaviour);
            state->made[std::string(id)] = box;
            state->runtimes.push_back(runtime ? runtime->name : std::string("<none>"));
            return std::shared_ptr<sandbox>(box);
        };
    }

    fake_books& books() { return *state_->books; }
    std::shared_ptr<fake_books> shared_books() { return state_->books; }

    std::shared_ptr<fake_sandbox> latest(const std::string& id)
    {
        std::lock_guard guard(state_->mutex);
        return state_->made.at(id).lock();
    }

    std::vector<std::string> runtimes()
    {
        std::lock_guard guard(state_->mutex);
        return state_->runtimes;
    }

private:
    struct shared
    {
        std::mutex mutex;
        std::shared_ptr<fake_books> books = std::make_shared<fake_books>();
        std::map<std::string, std::weak_ptr<fake_sandbox>> made;
        std::vector<std::string> runtimes;
        fake_behaviour behaviour;
    };
    std::shared_ptr<shared> state_ = std::make_shared<shared>();
};

}  // namespace agent_backends::test

#endif
