import ClippingLesson

ClippingCommand.runAsLesson()
