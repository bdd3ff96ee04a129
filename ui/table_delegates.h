#pragma once
// Painting for table cells whose meaning is a colour or a shape: the health state dot, the severity chip, and the
// success-rate sparkline. Text stays available to screen readers through the model's DisplayRole.

#include "ui/cached_text_delegate.h"

class QTableView;

namespace payops {

// Widens every column narrower than its header's text in the current language (with room for the sort arrow), also
// over a layout restored from one saved in another language.
void widenToHeaders(QTableView& table);

// A list of shares (0 to 1, a success rate) as a line, scaled to its own range but never to less than 0.1.
class SparklineDelegate : public CachedTextDelegate {
public:
    explicit SparklineDelegate(int role, QObject* parent = nullptr) : CachedTextDelegate(parent), m_role(role) {}
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    int m_role;
};

// Draws a coloured dot before the text; the colour comes from a role holding an int state and a mapping function.
class StatusDotDelegate : public CachedTextDelegate {
public:
    using ColourOf = QColor (*)(int value);
    StatusDotDelegate(int role, ColourOf colourOf, QObject* parent = nullptr)
        : CachedTextDelegate(parent), m_role(role), m_colourOf(colourOf)
    {
    }
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    int m_role;
    ColourOf m_colourOf;
};

} // namespace payops
