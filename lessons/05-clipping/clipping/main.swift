import ClippingLesson
import LessonKit

LessonCommand<ClippingLesson>.runAsLesson()
