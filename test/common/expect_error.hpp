// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_TEST_EXPECT_ERROR_HPP
#define AGENT_BACKENDS_TEST_EXPECT_ERROR_HPP

#include <agent_backends/error.hpp>

#include <boost/test/unit_test.hpp>

#include <string>

namespace agent_backends::test {

/// The code and model-facing message of an agent_backends::error.
struct failure
{
    errc code{};
    std::string message;
};

/// The error `fn` throws; fails the test when it throws none.
template <class F>
failure failure_of(F&& fn)
{
    try
    {
        fn();
    }
    catch (const error& e)
    {
        return {e.condition(), e.what()};
    }
    BOOST_FAIL("expected an error");
    return {};
}

/// The code of the error `fn` throws, storing its message in `*message` when given.
template <class F>
errc error_of(F&& fn, std::string* message = nullptr)
{
    auto f = failure_of(fn);
    if (message)
        *message = f.message;
    return f.code;
}

/// \copydoc error_of
template <class F>
errc error_of(F&& fn, std::string& message)
{
    return error_of(fn, &message);
}

}  // namespace agent_backends::test

#endif
