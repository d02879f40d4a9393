#include "models/lockcolumns.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QIcon>
#include <QPainter>
#include <QPalette>
#include <QStringList>

#include <iterator>

namespace Berth {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Berth::Locks)
};

// `icon` as it is, and on a selected row (QIcon::Selected) its shape in the palette's
// highlighted-text colour: the style's own selected look only tints it with the highlight,
// which leaves a red or grey lock barely visible on a blue row.
QIcon withSelectedInHighlightedText(const QIcon &icon)
{
    const QColor ink = QGuiApplication::palette().color(QPalette::HighlightedText);
    QIcon out;
    for (const int size : {16, 22, 24, 32}) {
        const QPixmap normal = icon.pixmap(size);
        if (normal.isNull())
            continue;
        QPixmap selected = normal;
        QPainter painter(&selected);
        painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
        painter.fillRect(selected.rect(), ink);
        painter.end();
        out.addPixmap(normal, QIcon::Normal);
        out.addPixmap(selected, QIcon::Selected);
    }
    return out;
}

// A lock the item inherits from its repository: the lock, greyed (built once, like lockIcon).
const QIcon &inheritedLockIcon()
{
    static const QIcon *const icon = [] {
        QIcon greyed;
        for (const int size : {16, 22, 32})
            greyed.addPixmap(lockIcon(false).pixmap(size, QIcon::Disabled));
        return new QIcon(withSelectedInHighlightedText(greyed));
    }();
    return *icon;
}
} // namespace

// Built once, on first use (views ask on the GUI thread), and deliberately never destroyed
// (an icon must not outlive the application). Views ask for the icon of every lock cell they
// paint or measure, and building one resolves the theme and reads the fallback file: that
// was most of the table's time (bench/README.md).
const QIcon &lockIcon(bool enabled)
{
    static const QIcon *const unlocked = new QIcon(withSelectedInHighlightedText(QIcon::fromTheme(
        QStringLiteral("object-unlocked"), QIcon(QStringLiteral(":/berth/icons/unlocked.svg")))));
    static const QIcon *const locked = new QIcon(withSelectedInHighlightedText(QIcon::fromTheme(
        QStringLiteral("object-locked"), QIcon(QStringLiteral(":/berth/icons/locked.svg")))));
    return enabled ? *unlocked : *locked;
}

namespace {
// Per lock, in the order of `Lock`: its header, what it means, and its attribute.
struct LockSpec
{
    const char *header;
    const char *compactHeader; // a narrow window's column title: the lock icon fills the cell
    const char *meaning;
    std::optional<bool> ChangeableAttributes::*value;
};
constexpr LockSpec LockSpecs[] = {
    {QT_TRANSLATE_NOOP("Berth::Locks", "Write"), QT_TRANSLATE_NOOP("Berth::Locks", "W"),
     QT_TRANSLATE_NOOP("Berth::Locks",
                       "Write enabled: the item may be overwritten (pushed to). Off locks it "
                       "against changes and deletion."),
     &ChangeableAttributes::writeEnabled},
    {QT_TRANSLATE_NOOP("Berth::Locks", "Delete"), QT_TRANSLATE_NOOP("Berth::Locks", "D"),
     QT_TRANSLATE_NOOP("Berth::Locks", "Delete enabled: the item may be deleted."),
     &ChangeableAttributes::deleteEnabled},
    {QT_TRANSLATE_NOOP("Berth::Locks", "Read"), QT_TRANSLATE_NOOP("Berth::Locks", "R"),
     QT_TRANSLATE_NOOP("Berth::Locks", "Read enabled: the item may be pulled."),
     &ChangeableAttributes::readEnabled},
    {QT_TRANSLATE_NOOP("Berth::Locks", "List"), QT_TRANSLATE_NOOP("Berth::Locks", "L"),
     QT_TRANSLATE_NOOP("Berth::Locks", "List enabled: the item shows up in listings."),
     &ChangeableAttributes::listEnabled},
};
static_assert(std::size(LockSpecs) == int(Lock::List) + 1);

const LockSpec &specOf(Lock lock)
{
    return LockSpecs[int(lock)];
}
} // namespace

QString lockHeader(Lock lock)
{
    return Tr::tr(specOf(lock).header);
}

QString lockMeaning(Lock lock)
{
    return Tr::tr(specOf(lock).meaning);
}

std::optional<bool> lockValue(const ChangeableAttributes &a, Lock lock)
{
    return a.*specOf(lock).value;
}

void setLockValue(ChangeableAttributes &a, Lock lock, bool enabled)
{
    a.*specOf(lock).value = enabled;
}

QVariant lockData(const ChangeableAttributes &attributes, Lock lock, int role)
{
    const std::optional<bool> value = lockValue(attributes, lock);
    switch (role) {
    case Roles::LockState:
        return value ? QVariant(*value) : QVariant();
    case Qt::ToolTipRole:
        if (!value)
            return Tr::tr("%1: unknown").arg(lockHeader(lock));
        return *value ? Tr::tr("%1: enabled").arg(lockHeader(lock))
                      : Tr::tr("%1: disabled (locked)").arg(lockHeader(lock));
    case Qt::DecorationRole:
        if (!value)
            return {};
        return lockIcon(*value);
    case Qt::AccessibleTextRole:
        return lockData(attributes, lock, Qt::ToolTipRole);
    default:
        return {};
    }
}

bool inheritsLock(const ChangeableAttributes &repository, Lock lock)
{
    return lock != Lock::List && lockValue(repository, lock) == false;
}

QString repositoryLocksText(const ChangeableAttributes &repository)
{
    QStringList names;
    for (const Lock lock : {Lock::Write, Lock::Delete, Lock::Read}) {
        if (inheritsLock(repository, lock))
            names << lockHeader(lock).toLower();
    }
    return names.join(Tr::tr(", "));
}

QVariant lockData(const ChangeableAttributes &attributes,
                  const ChangeableAttributes &repository,
                  Lock lock,
                  int role)
{
    const bool inherited = inheritsLock(repository, lock);
    if (role == Roles::InheritedLock)
        return inherited;
    if (!inherited)
        return lockData(attributes, lock, role);
    switch (role) {
    case Qt::DecorationRole:
        return inheritedLockIcon();
    case Qt::ToolTipRole:
    case Qt::AccessibleTextRole: {
        const std::optional<bool> own = lockValue(attributes, lock);
        const QString ownText
            = !own ? Tr::tr("unknown") : (*own ? Tr::tr("enabled") : Tr::tr("disabled"));
        return Tr::tr("%1: disabled by the repository (its own setting: %2)")
            .arg(lockHeader(lock), ownText);
    }
    default:
        return lockData(attributes, lock, role);
    }
}

QVariant lockHeaderData(Lock lock, int role, bool compact)
{
    if (role == Qt::DisplayRole && compact) {
        const LockSpec &spec = specOf(lock);
        return QCoreApplication::translate("Berth::Locks", spec.compactHeader);
    }
    if (role == Qt::DisplayRole)
        return lockHeader(lock);
    if (role == Qt::ToolTipRole)
        return lockMeaning(lock);
    return {};
}

std::optional<Lock> lockAtColumn(int column, int firstLockColumn)
{
    const int offset = column - firstLockColumn;
    if (offset < 0 || offset > int(Lock::List))
        return std::nullopt;
    return Lock(offset);
}

} // namespace Berth
