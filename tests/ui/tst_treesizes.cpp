// The window's tree sorted by size (issue 13), offscreen against the ACR emulator: a click on
// the Size title sorts the largest first; the repositories in sight are sized and move into
// their places as their sizes come, while the selected repository stays selected and the open
// folders stay open.

#include "fixtures/purgecontent.h"
#include "ui/windowtest.h"

#include <QHeaderView>

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
};

QTEST_MAIN(tst_TreeSizes)
#include "tst_treesizes.moc"
