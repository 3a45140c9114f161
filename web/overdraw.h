// How many times a frame fills the screen: the area of every triangle in the
// draw lists, cut to its clip rectangle, over the screen's area. A software
// renderer (SwiftShader, llvmpipe) pays per pixel filled, so this, not the
// vertex count, is what decides the frame rate at 1280x800 and above.
#pragma once

struct ImDrawData;

namespace dsviz::ui {

// Covered pixels / display pixels (1.0: each pixel filled once on average).
// Triangles are cut to their command's clip rectangle by their bounding box,
// which is exact for the rectangles that dominate (backgrounds, bars) and
// close for the rest.
double overdraw(const ImDrawData& dd);

}  // namespace dsviz::ui
