// A repository's own locks are visible before they bite (offscreen, against the ACR
// emulator): a lock for the repository's icon in the tree, a line above its tables, its tags'
// lock cells showing the inherited lock, and a warning in the delete dialog.

#include "models/lockcolumns.h"
#include "models/repositorymodel.h"
#include "ui/dialogs/deletedialog.h"
#include "ui/windowtest.h"

#include <QJsonObject>
#include <QLabel>

using namespace Berth;
using namespace Berth::Test;

class tst_RepositoryLocks : public WindowTest
{
    Q_OBJECT

    QLabel *locksLine() const
    {
        return pane()->findChild<QLabel *>(QStringLiteral("repositoryLocks"));
    }

private Q_SLOTS:
    void init()
    {
        startWindow(0);
        m_emu->setRepositoryAttributes(QStringLiteral("hello-world"),
                                       QJsonObject{{QStringLiteral("writeEnabled"), false}});
    }
    void cleanup() { stopWindow(); }

    void treeShowsTheLock()
    {
        QVERIFY(openRepository(QStringLiteral("hello-world")));
        RepositoryModel *model = m_window->repositoryModel();
        const QModelIndex locked = model->findRepository(registry(), QStringLiteral("hello-world"));
        QTRY_VERIFY_WITH_TIMEOUT(model->details(locked).has_value(), Wait);
        QCOMPARE(locked.data(Roles::InheritedLock), QVariant(true));
        QVERIFY2(locked.data(Qt::ToolTipRole).toString().contains(u"write"),
                 qPrintable(locked.data(Qt::ToolTipRole).toString()));
        QCOMPARE(qvariant_cast<QIcon>(locked.data(Qt::DecorationRole)).cacheKey(),
                 lockIcon(false).cacheKey());
        // An unlocked repository keeps its own icon.
        QVERIFY(openRepository(QStringLiteral("samples/untagged")));
        const QModelIndex open
            = model->findRepository(registry(), QStringLiteral("samples/untagged"));
        QTRY_VERIFY_WITH_TIMEOUT(model->details(open).has_value(), Wait);
        QCOMPARE(open.data(Roles::InheritedLock), QVariant(false));
        QVERIFY(qvariant_cast<QIcon>(open.data(Qt::DecorationRole)).cacheKey()
                != lockIcon(false).cacheKey());
    }

    void lineAboveTheTableAndInheritedCells()
    {
        QVERIFY(openRepository(QStringLiteral("hello-world")));
        QTRY_VERIFY_WITH_TIMEOUT(locksLine()->isVisibleTo(pane()), Wait);
        QVERIFY2(locksLine()->text().contains(u"write"), qPrintable(locksLine()->text()));
        const QModelIndex write
            = tagRow(QStringLiteral("v1")).siblingAtColumn(TagModel::WriteEnabled);
        QCOMPARE(write.data(Roles::LockState), QVariant(true)); // the tag's own value
        QCOMPARE(write.data(Roles::InheritedLock), QVariant(true));
        QVERIFY2(write.data(Qt::ToolTipRole).toString().contains(u"repository"),
                 qPrintable(write.data(Qt::ToolTipRole).toString()));
        const QIcon inherited = qvariant_cast<QIcon>(write.data(Qt::DecorationRole));
        QVERIFY(inherited.cacheKey() != lockIcon(true).cacheKey());
        QVERIFY(inherited.cacheKey() != lockIcon(false).cacheKey());
        const QModelIndex del = write.siblingAtColumn(TagModel::DeleteEnabled);
        QCOMPARE(del.data(Roles::InheritedLock), QVariant(false));
        QCOMPARE(qvariant_cast<QIcon>(del.data(Qt::DecorationRole)).cacheKey(),
                 lockIcon(true).cacheKey());
        // Another repository without locks: no line, no inherited cells.
        QVERIFY(openRepository(QStringLiteral("samples/untagged")));
        QVERIFY(!locksLine()->isVisibleTo(pane()));
        QCOMPARE(tags()->index(0, TagModel::WriteEnabled).data(Roles::InheritedLock),
                 QVariant(false));
    }

    void deleteWarnsBeforeTheRegistryRefuses()
    {
        QVERIFY(openRepository(QStringLiteral("hello-world")));
        QTRY_VERIFY_WITH_TIMEOUT(locksLine()->isVisibleTo(pane()), Wait);
        QVERIFY(activate());
        selectTag(QStringLiteral("v1"));
        QTest::keyClick(pane()->tagView(), Qt::Key_Delete);
        QTRY_VERIFY(m_dialog);
        auto *dialog = qobject_cast<DeleteDialog *>(m_dialog.data());
        QVERIFY(dialog);
        auto *warning = dialog->findChild<QLabel *>(QStringLiteral("lockWarning"));
        QVERIFY(warning);
        QVERIFY(warning->isVisibleTo(dialog));
        QVERIFY2(warning->text().contains(u"hello-world"), qPrintable(warning->text()));
        dialog->reject();
        QTRY_VERIFY(!m_dialog); // closed and deleted
        // A tag of an unlocked repository: no warning.
        QVERIFY(openRepository(QStringLiteral("samples/untagged")));
        pane()->tagView()->setFocus();
        m_window->actions().deleteSelected->trigger();
        QTRY_VERIFY(m_dialog);
        warning = m_dialog->findChild<QLabel *>(QStringLiteral("lockWarning"));
        QVERIFY(warning && !warning->isVisibleTo(m_dialog));
    }
};

QTEST_MAIN(tst_RepositoryLocks)
#include "tst_repositorylocks.moc"
