import ExplodingLesson
import LessonKit

LessonCommand<ExplodingLesson>.runAsLesson()
