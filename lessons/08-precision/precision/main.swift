import LessonKit
import PrecisionLesson

LessonCommand<PrecisionLesson>.runAsLesson()
