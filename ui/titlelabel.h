#pragma once

class QLabel;
class QWidget;

namespace Berth {

// The label over a view that names what it shows (a repository, a manifest): bold, plain
// text (names come from the registry and are never markup) and selectable, to copy them.
QLabel *makeTitleLabel(QWidget *parent);

} // namespace Berth
