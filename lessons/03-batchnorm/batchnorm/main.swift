import BatchNormLesson
import LessonKit

LessonCommand<BatchNormLesson>.runAsLesson()
