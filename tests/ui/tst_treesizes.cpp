// The window's tree sorted by size (issue 13), offscreen against the ACR emulator: a click on
// the Size title sorts the largest first; the repositories in sight are sized and move into
// their places as their sizes come, while the selected repository stays selected and the open
// folders stay open. Size All sizes the repositories out of sight too.

#include "fixtures/purgecontent.h"
#include "ui/windowtest.h"

#include <QHeaderView>
#include <QLabel>
#include <QStatusBar>

using namespace Berth;
using namespace Berth::Test;

class tst_TreeSizes : public WindowTest
{
    Q_OBJECT

    // The names under `parent` in the tree's order.
    QStringList childNames(const QModelIndex &parent) const
    {
        QStringList names;
        const QAbstractItemModel *model = parent.model();
        for (int row = 0; row < model->rowCount(parent); ++row)
            names << model->index(row, 0, parent).data().toString();
        return names;
    }

private Q_SLOTS:
    void init() { startWindow(3); }
    void cleanup() { stopWindow(); }

    void sortedBySizeAsSizesCome()
    {
        const QList<std::pair<QString, int>> layers{
            {u"a"_qs, 300}, {u"b"_qs, 30}, {u"c"_qs, 3000}, {u"d"_qs, 3}, {u"e"_qs, 900}};
        for (const auto &[name, bytes] : layers)
            pushImage(*m_emu, u"sized/"_qs + name, u"I"_qs, {QByteArray(bytes, 'x')}, u"1"_qs);
        RepositoryModel *model = m_window->repositoryModel();
        QTreeView *tree = m_window->repositoryView();
        model->refresh(registry()); // the catalog with them
        const QModelIndex b = waitForRepository(m_window.get(), m_client, u"sized/b"_qs, Wait);
        QVERIFY(b.isValid());
        const QPersistentModelIndex folder = b.parent();
        tree->expand(folder);
        const QPersistentModelIndex app
            = model->findRepository(registry(), u"team/app/api"_qs).parent();
        tree->expand(app);
        tree->setCurrentIndex(b);
        QCOMPARE(childNames(folder), (QStringList{u"a"_qs, u"b"_qs, u"c"_qs, u"d"_qs, u"e"_qs}));

        QHeaderView *header = tree->header();
        const int size = RepositoryModel::Size;
        QTest::mouseClick(
            header->viewport(), Qt::LeftButton, {},
            QPoint(header->sectionViewportPosition(size) + header->sectionSize(size) / 2,
                   header->height() / 2));
        QCOMPARE(header->sortIndicatorSection(), size);
        QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder); // the largest first
        // In sight, so sized; each moves into its place as its size comes.
        QTRY_COMPARE_WITH_TIMEOUT(childNames(folder),
                                  (QStringList{u"c"_qs, u"e"_qs, u"a"_qs, u"b"_qs, u"d"_qs}), Wait);
        QVERIFY(model->size(model->index(0, 0, folder)).has_value());
        QCOMPARE(model->repositoryPath(tree->currentIndex()), u"sized/b"_qs);
        QVERIFY(tree->selectionModel()->isRowSelected(3, folder));
        QVERIFY(tree->isExpanded(folder));
        QVERIFY(tree->isExpanded(app));

        // The other way: the smallest first, rows not sized yet still last.
        QTest::mouseClick(
            header->viewport(), Qt::LeftButton, {},
            QPoint(header->sectionViewportPosition(size) + header->sectionSize(size) / 2,
                   header->height() / 2));
        QCOMPARE(header->sortIndicatorOrder(), Qt::AscendingOrder);
        QCOMPARE(childNames(folder), (QStringList{u"d"_qs, u"b"_qs, u"a"_qs, u"e"_qs, u"c"_qs}));
        QCOMPARE(model->repositoryPath(tree->currentIndex()), u"sized/b"_qs);
    }

    // Registry ▸ Size All Repositories on 150 repositories, most of them out of sight and not
    // listed yet: every one is sized, so the total is exact; while it runs the action reads
    // Stop Sizing and the status bar counts.
    void sizeAllSizesWhatIsOutOfSight()
    {
        stopWindow();
        startWindow(3, 150);
        RepositoryModel *model = m_window->repositoryModel();
        QTreeView *tree = m_window->repositoryView();
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount(registry()) > 0, Wait);
        tree->setFocus();
        tree->setCurrentIndex(registry());
        QAction *sizeAll = m_window->actions().sizeAll;
        QVERIFY(sizeAll->isEnabled());
        QCOMPARE(sizeAll->text().remove(u'&'), u"Size All Repositories"_qs);
        sizeAll->trigger();
        QVERIFY(model->sizeAllProgress(registry()).running);
        QCOMPARE(sizeAll->text().remove(u'&'), u"Stop Sizing"_qs);
        const QList<QLabel *> labels = m_window->statusBar()->findChildren<QLabel *>();
        QVERIFY(std::any_of(labels.cbegin(), labels.cend(), [](const QLabel *label) {
            return label->isVisible() && label->text().contains(u"sizes of emulator ("_qs);
        }));

        QTRY_VERIFY_WITH_TIMEOUT(!model->sizeAllProgress(registry()).running, 4 * Wait);
        QCOMPARE(model->sizeAllProgress(registry()).ended, model->total(registry()).repositories);
        QVERIFY(model->total(registry()).repositories > 150);
        QVERIFY(model->total(registry()).complete);
        QVERIFY(
            !registry().siblingAtColumn(RepositoryModel::Size).data().toString().startsWith(u"≥"));
        QVERIFY(model->size(model->findRepository(registry(), u"bulk/repo-00150"_qs)));
        QCOMPARE(sizeAll->text().remove(u'&'), u"Size All Repositories"_qs);
    }
};

QTEST_MAIN(tst_TreeSizes)
#include "tst_treesizes.moc"
