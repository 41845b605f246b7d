import LessonKit
import ResidualLesson

LessonCommand<ResidualLesson>.runAsLesson()
