#pragma once

// Waiting on the real window (offscreen), for the window tests and the upload drop tests.

#include "models/repositorymodel.h"
#include "ui/mainwindow.h"

#include <QTest>

namespace Berth::Test {

// Waits (at most `timeoutMs`) for the window's tree to list `path` under `client`'s
// registry: its index, or an invalid one.
inline QModelIndex
waitForRepository(MainWindow *window, RegistryClient *client, const QString &path, int timeoutMs)
{
    QModelIndex found;
    (void)QTest::qWaitFor(
        [&] {
            found = window->repositoryModel()->findRepository(window->registryIndex(client), path);
            return found.isValid();
        },
        timeoutMs);
    return found;
}

} // namespace Berth::Test
