// Lesson 1, "exploding": swift run -c release exploding [--quick] [--help]
import ExplodingLesson

ExplodingCommand.runAsLesson()
